import Dispatch
import Foundation

/// Transaction columns grouped by customer (ascending code) with days ascending inside each customer.
struct GroupedTransactions {
    var customer: [Int32]
    var day: [Int32]
    var amount: [Double]
    var quantity: [Double]?
    var category: [Int32]?
    /// Slice of customer k is offsets[k]..<offsets[k + 1].
    var offsets: [Int]
}

/// Orders transactions by customer and day in O(n) and finds each customer's contiguous slice.
enum CustomerOrder {
    /// Whether rows are already grouped by customer in ascending code order with days ascending within each.
    static func isSorted(customer: [Int32], day: [Int32]) -> Bool {
        let n = customer.count
        if n < 2 { return true }
        return customer.withUnsafeBufferPointer { c in
            day.withUnsafeBufferPointer { d in
                for i in 1..<n {
                    let pc = c[i - 1], cc = c[i]
                    if cc < pc || (cc == pc && d[i] < d[i - 1]) { return false }
                }
                return true
            }
        }
    }

    /// For each customer code k, the first row of its slice; customerCount + 1 entries, the last being n.
    static func offsets(customer: [Int32], customerCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: customerCount + 1)
        customer.withUnsafeBufferPointer { c in
            counts.withUnsafeMutableBufferPointer { k in
                for code in c { k[Int(code) + 1] += 1 }
            }
        }
        for k in 0..<customerCount { counts[k + 1] += counts[k] }
        return counts
    }

    /// Groups rows by customer with a stable counting sort that scatters every column directly to its
    /// place (split over cores: each part of the input gets its own write positions), then sorts by day
    /// only the customer slices whose days are not already ascending (ties keep file order).
    static func group(customer: [Int32], day: [Int32], amount: [Double], quantity: [Double]?, category: [Int32]?,
                      customerCount: Int) -> GroupedTransactions {
        let n = customer.count
        let parts = n < 200_000 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let width = customerCount + 1

        // counts[p * width + k + 1] = rows of customer k in part p.
        var counts = [Int](repeating: 0, count: parts * width)
        customer.withUnsafeBufferPointer { c in
            counts.withUnsafeMutableBufferPointer { all in
                nonisolated(unsafe) let codes = c, table = all
                DispatchQueue.concurrentPerform(iterations: parts) { p in
                    let base = p * width
                    for i in (n * p / parts)..<(n * (p + 1) / parts) { table[base + Int(codes[i]) + 1] += 1 }
                }
            }
        }
        // Slice starts, and each part's first write position per customer.
        var offsets = [Int](repeating: 0, count: width)
        var next = [Int](repeating: 0, count: parts * width)
        var running = 0
        for k in 0..<customerCount {
            offsets[k] = running
            for p in 0..<parts {
                next[p * width + k] = running
                running += counts[p * width + k + 1]
            }
        }
        offsets[customerCount] = running

        // Every output slot is written exactly once (the counting sort is a bijection), so the arrays are
        // created uninitialized rather than zero-filled first.
        let hasQuantity = quantity != nil, hasCategory = category != nil
        var outAmount: [Double] = [], outQuantity: [Double] = [], outCategory: [Int32] = []
        let outDay = [Int32](unsafeUninitializedCapacity: n) { dOut, dCount in
        outAmount = [Double](unsafeUninitializedCapacity: n) { aOut, aCount in
        outQuantity = [Double](unsafeUninitializedCapacity: hasQuantity ? n : 0) { qOut, qCount in
        outCategory = [Int32](unsafeUninitializedCapacity: hasCategory ? n : 0) { kOut, kCount in
        customer.withUnsafeBufferPointer { cIn in
        day.withUnsafeBufferPointer { dIn in
        amount.withUnsafeBufferPointer { aIn in
        (quantity ?? []).withUnsafeBufferPointer { qIn in
        (category ?? []).withUnsafeBufferPointer { kIn in
        next.withUnsafeMutableBufferPointer { nextBuf in
            nonisolated(unsafe) let c = cIn, d = dIn, a = aIn, q = qIn, k = kIn
            nonisolated(unsafe) let position = nextBuf, od = dOut, oa = aOut, oq = qOut, ok = kOut
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let base = p * width
                for i in (n * p / parts)..<(n * (p + 1) / parts) {
                    let slot = base + Int(c[i])
                    let at = position[slot]
                    position[slot] = at + 1
                    od.initializeElement(at: at, to: d[i])
                    oa.initializeElement(at: at, to: a[i])
                    if hasQuantity { oq.initializeElement(at: at, to: q[i]) }
                    if hasCategory { ok.initializeElement(at: at, to: k[i]) }
                }
            }
        }}}}}}
            kCount = hasCategory ? n : 0
        }
            qCount = hasQuantity ? n : 0
        }
            aCount = n
        }
            dCount = n
        }

        let outCustomer = [Int32](unsafeUninitializedCapacity: n) { out, count in
            for k in 0..<customerCount {
                for i in offsets[k]..<offsets[k + 1] { out.initializeElement(at: i, to: Int32(k)) }
            }
            count = n
        }
        var grouped = GroupedTransactions(customer: outCustomer, day: outDay, amount: outAmount,
                                          quantity: hasQuantity ? outQuantity : nil,
                                          category: hasCategory ? outCategory : nil, offsets: offsets)
        sortSlicesByDay(&grouped)
        return grouped
    }

    /// Sorts by (day, position) each customer slice whose days are not ascending, moving every column.
    private static func sortSlicesByDay(_ g: inout GroupedTransactions) {
        var unsorted: [Int] = []
        g.day.withUnsafeBufferPointer { d in
            for k in 0..<(g.offsets.count - 1) {
                let lo = g.offsets[k], hi = g.offsets[k + 1]
                guard hi - lo > 1 else { continue }
                for j in (lo + 1)..<hi where d[j] < d[j - 1] { unsorted.append(k); break }
            }
        }
        for k in unsorted {
            let lo = g.offsets[k], hi = g.offsets[k + 1]
            let order = (lo..<hi).sorted { a, b in g.day[a] != g.day[b] ? g.day[a] < g.day[b] : a < b }
            let days = order.map { g.day[$0] }, amounts = order.map { g.amount[$0] }
            let quantities = g.quantity.map { q in order.map { q[$0] } }
            let categories = g.category.map { c in order.map { c[$0] } }
            g.day.replaceSubrange(lo..<hi, with: days)
            g.amount.replaceSubrange(lo..<hi, with: amounts)
            if let q = quantities { g.quantity?.replaceSubrange(lo..<hi, with: q) }
            if let c = categories { g.category?.replaceSubrange(lo..<hi, with: c) }
        }
    }
}

/// A transaction log in customer/day order with each customer's slice bounds: what feature code reads.
struct CustomerSlices {
    var day: [Int32]
    var amount: [Double]
    var quantity: [Double]?
    var category: [Int32]?
    /// Slice of customer k is offsets[k]..<offsets[k + 1].
    var offsets: [Int]

    init(_ log: TransactionLog) {
        let count = log.customerCount
        if CustomerOrder.isSorted(customer: log.customer, day: log.day) {
            day = log.day; amount = log.amount; quantity = log.quantity; category = log.category
            offsets = CustomerOrder.offsets(customer: log.customer, customerCount: count)
        } else {
            let g = CustomerOrder.group(customer: log.customer, day: log.day, amount: log.amount, quantity: log.quantity,
                                        category: log.category, customerCount: count)
            day = g.day; amount = g.amount; quantity = g.quantity; category = g.category; offsets = g.offsets
        }
    }
}
