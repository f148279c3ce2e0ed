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

    /// The row order that sorts by customer code, then day, then original position (a counting sort by
    /// customer, then a per-customer sort only for slices whose days are not already ascending).
    static func permutation(customer: [Int32], day: [Int32], customerCount: Int) -> [Int32] {
        let n = customer.count
        var start = offsets(customer: customer, customerCount: customerCount)
        var order = [Int32](repeating: 0, count: n)
        order.withUnsafeMutableBufferPointer { out in
            customer.withUnsafeBufferPointer { c in
                start.withUnsafeMutableBufferPointer { next in
                    for i in 0..<n {
                        let code = Int(c[i])
                        out[next[code]] = Int32(truncatingIfNeeded: i)
                        next[code] += 1
                    }
                }
            }
        }
        // `start` now holds each slice's end; slice k is [end(k-1), end(k)).
        day.withUnsafeBufferPointer { d in
            order.withUnsafeMutableBufferPointer { out in
                var lo = 0
                for k in 0..<customerCount {
                    let hi = start[k]
                    if hi - lo > 1 {
                        var sorted = true
                        for j in (lo + 1)..<hi where d[Int(out[j])] < d[Int(out[j - 1])] { sorted = false; break }
                        if !sorted {
                            var slice = UnsafeMutableBufferPointer(rebasing: out[lo..<hi])
                            slice.sort { a, b in
                                let da = d[Int(a)], db = d[Int(b)]
                                return da != db ? da < db : a < b
                            }
                        }
                    }
                    lo = hi
                }
            }
        }
        return order
    }

    /// For each customer code k, the first row of its slice; the array has customerCount + 1 entries
    /// (the last is n) when rows are sorted by customer.
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

    /// The values in the given order.
    static func gather<T>(_ values: [T], _ order: [Int32]) -> [T] {
        values.withUnsafeBufferPointer { src in
            order.withUnsafeBufferPointer { ord in
                [T](unsafeUninitializedCapacity: ord.count) { buffer, count in
                    for i in 0..<ord.count { buffer.initializeElement(at: i, to: src[Int(ord[i])]) }
                    count = ord.count
                }
            }
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
            let order = CustomerOrder.permutation(customer: log.customer, day: log.day, customerCount: count)
            day = CustomerOrder.gather(log.day, order)
            amount = CustomerOrder.gather(log.amount, order)
            quantity = log.quantity.map { CustomerOrder.gather($0, order) }
            category = log.category.map { CustomerOrder.gather($0, order) }
            offsets = CustomerOrder.offsets(customer: log.customer, customerCount: count)
        }
    }
}
