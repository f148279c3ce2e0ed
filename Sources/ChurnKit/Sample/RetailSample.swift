import Dispatch
import Foundation

/// The retail transaction log sample: one row per line item, 2023-01-01 to 2024-12-31.
///
/// Built-in structure (see sample-data/README.md):
/// - Customers differ in how often they visit (median gap ~38 days, log-normal spread), how regular they
///   are (gamma-distributed gaps of shape 1-5), what they spend (log-normal factor), basket size and two
///   favourite categories.
/// - 40% were already customers when the log starts; the rest join throughout the first 21 months.
/// - 45% never leave; the others leave after an exponential lifetime (mean 450 days), so some leave early
///   and some late. In the 40-150 days before leaving, gaps grow up to 2.5x and baskets shrink by up to 45%.
/// - Seasonality: a December peak (and a Black-Friday bump) in visit rate, a mild summer dip, and more
///   visits on Fridays and weekends.
/// Every customer has at least one purchase, so the file holds exactly the requested number of customers.
enum RetailSample {
    static let firstDay = CivilDate.days(year: 2023, month: 1, day: 1)
    static let lastDay = CivilDate.days(year: 2024, month: 12, day: 31)
    static let categories = ["Grocery", "Household", "Beauty", "Clothing", "Toys", "Electronics", "Garden", "Books"]
    static let unitPrice: [Double] = [6, 8, 12, 24, 17, 55, 14, 11]
    static let popularity: [Double] = [30, 18, 12, 12, 8, 6, 7, 7]
    /// Relative visit propensity Monday...Sunday (the maximum is the acceptance reference).
    static let weekdayWeight: [Double] = [0.7, 0.75, 0.8, 0.85, 1.0, 1.4, 1.2]
    static let header = "customer_id,date,amount,quantity,category"

    /// One line item, packed (12 bytes) so that millions can be ordered by date cheaply.
    struct Row {
        var customer: Int32
        var cents: Int32
        var day: Int16        // days since firstDay
        var quantity: UInt8
        var category: UInt8
    }

    /// Writes `customers` customers' purchases, in date order, to `path`.
    static func write(customers: Int, seed: UInt64, path: String) throws {
        let span = Int(lastDay - firstDay) + 1
        let season = (0..<span).map { seasonality(day: Int64($0) + firstDay) }
        let weekday = (0..<span).map { CivilDate.weekday(days: Int64($0) + firstDay) }

        // Simulate customers in parallel chunks; each customer has its own random stream, so the output
        // does not depend on the number of chunks or threads.
        let chunks = max(1, min(64, customers / 2000))
        let parts = ChunkResults<[Row]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lo = customers * chunk / chunks, hi = customers * (chunk + 1) / chunks
            var rows: [Row] = []
            rows.reserveCapacity((hi - lo) * 24)
            for index in lo..<hi {
                simulate(customer: index, seed: seed, span: span, season: season, weekday: weekday, into: &rows)
            }
            parts.set(chunk, rows)
        }
        let chunkRows = parts.values()

        // Stable counting sort by day (customers in order within a day): the file reads in date order, as
        // real exports do. Each day is one sequential write stream, so the scatter stays cache-friendly.
        var start = [Int](repeating: 0, count: span + 1)
        for rows in chunkRows { for r in rows { start[Int(r.day) + 1] += 1 } }
        for i in 0..<span { start[i + 1] += start[i] }
        let total = start[span]
        let ordered = [Row](unsafeUninitializedCapacity: total) { buffer, count in
            for rows in chunkRows {
                for r in rows {
                    let at = start[Int(r.day)]
                    buffer.initializeElement(at: at, to: r)
                    start[Int(r.day)] = at + 1
                }
            }
            count = total
        }

        let dateText: [UInt8] = (0..<span).flatMap { Array(CivilDate.isoDate(days: Int64($0) + firstDay).utf8) }
        let names: [[UInt8]] = categories.map { Array($0.utf8) }
        let width = max(5, String(customers).count)
        var out = try BufferedFileWriter(path: path)
        out.append(header)
        try out.endLine()
        try dateText.withUnsafeBufferPointer { dates in
            for r in ordered {
                out.append(0x43) // "C"
                out.appendZeroPadded(Int(r.customer) + 1, width)
                out.append(0x2C)
                out.append(bytes: UnsafeBufferPointer(rebasing: dates[(Int(r.day) * 10)..<(Int(r.day) * 10 + 10)]))
                out.append(0x2C)
                out.appendFixed(Double(r.cents) / 100, decimals: 2)
                out.append(0x2C)
                out.appendInt(Int64(r.quantity))
                out.append(0x2C)
                out.append(bytes: names[Int(r.category)])
                try out.endLine()
            }
        }
        try out.close()
    }

    /// Visit-rate multiplier for a day: December peak, Black-Friday bump, mild summer dip.
    static func seasonality(day: Int64) -> Double {
        let (y, _, _) = CivilDate.civil(days: day)
        let doy = Double(day - CivilDate.days(year: y, month: 1, day: 1))
        func bump(_ centre: Double, _ width: Double) -> Double { Foundation.exp(-((doy - centre) / width) * ((doy - centre) / width)) }
        return 1 + 0.8 * bump(352, 14) + 0.35 * bump(329, 4) - 0.15 * bump(205, 30)
    }

    /// One customer's whole history.
    static func simulate(customer index: Int, seed: UInt64, span: Int, season: [Double], weekday: [Int], into rows: inout [Row]) {
        var rng = SeededRandom(seed: seed, stream: UInt64(index))
        let baseGap = min(200, max(4, Foundation.exp(Foundation.log(38) + 0.75 * rng.normal())))
        let shapes = [1, 2, 3, 5]
        let shape = shapes[rng.pick([0.3, 0.6, 0.85, 1.0])]
        let spendFactor = Foundation.exp(0.5 * rng.normal())
        let extraItems = Foundation.exp(Foundation.log(0.4) + 0.5 * rng.normal())
        let cumulative = popularity.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
        let favourite1 = rng.pick(cumulative), favourite2 = rng.pick(cumulative)
        let existing = rng.chance(0.4)
        var t = existing ? rng.uniform(0, baseGap) : rng.uniform(0, 640)
        let leaves = !rng.chance(0.45)
        let leaveAt = leaves ? (existing ? 0 : t) + rng.exponential(mean: 450) : Double.infinity
        let decline = rng.uniform(40, 150)
        let code = Int32(index)
        let maxWeight = weekdayWeight.max() ?? 1
        var visits = 0

        while t < Double(span) && (visits == 0 || t < leaveAt) {
            var d = Int(t)
            for _ in 0..<6 {
                if rng.chance(weekdayWeight[weekday[d]] / maxWeight) || d + 1 >= span { break }
                d += 1
            }
            let progress = t > leaveAt - decline ? min(1, (t - (leaveAt - decline)) / decline) : 0
            let basket = 1 - 0.45 * progress
            let items = 1 + min(7, rng.poisson(extraItems * basket))
            for _ in 0..<items {
                let category = rng.chance(0.65) ? (rng.chance(0.6) ? favourite1 : favourite2) : rng.pick(cumulative)
                let quantity = 1 + min(19, rng.poisson(0.45 * basket))
                let unit = unitPrice[category] * spendFactor * Foundation.exp(0.3 * rng.normal()) * basket.squareRoot()
                let cents = Int32(max(50, (unit * Double(quantity) * 100).rounded()))
                rows.append(Row(customer: code, cents: cents, day: Int16(d), quantity: UInt8(quantity), category: UInt8(category)))
            }
            visits += 1
            var gamma = 0.0
            for _ in 0..<shape { gamma += rng.exponential(mean: 1) }
            let gap = baseGap * gamma / Double(shape) / season[d] * (1 + 1.5 * progress)
            t = Double(d) + max(1, gap)
        }
    }
}

/// Results of parallel chunks, each set once by its own iteration and read after all are done.
final class ChunkResults<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock(); slots[index] = value; lock.unlock()
    }

    func values() -> [T] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
