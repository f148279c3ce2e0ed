/// Size, risk and value of one segment.
public struct SegmentProfile: Codable, Equatable, Sendable {
    /// The segment's name (or its expression for an unsaved one).
    public var name: String
    /// Customers in the segment.
    public var customers: Int
    /// Share of all customers of the table (0-1; 0 for an empty table).
    public var share: Double
    /// Mean churn probability over customers with one (nil without a risk field or such customers).
    public var meanRisk: Double?
    /// Sum of value (nil without a value field).
    public var totalValue: Double?
    /// Expected value lost: sum of value x churn probability over customers with both (nil without
    /// a risk or a value field).
    public var valueAtRisk: Double?

    /// The profile of `rows` in `table`, reading risk and value from the named number fields when present.
    public init(name: String, rows: RowSelection, table: CustomerTable,
                riskField: String = CustomerTable.riskField, valueField: String = CustomerTable.valueField) {
        self.name = name
        let indices = rows.indices
        customers = indices.count
        share = table.rowCount > 0 ? Double(indices.count) / Double(table.rowCount) : 0
        let risk = table.numbers(named: riskField)
        let value = table.numbers(named: valueField)
        if let risk {
            var sum = 0.0, n = 0
            for i in indices where !risk[i].isNaN { sum += risk[i]; n += 1 }
            meanRisk = n > 0 ? sum / Double(n) : nil
        }
        if let value {
            var total = 0.0
            for i in indices where !value[i].isNaN { total += value[i] }
            totalValue = total
            if let risk {
                var atRisk = 0.0
                for i in indices where !value[i].isNaN && !risk[i].isNaN { atRisk += value[i] * risk[i] }
                valueAtRisk = atRisk
            }
        }
    }
}

/// How much one field differs between two segments.
public struct FeatureDifference: Codable, Equatable, Sendable {
    /// The field, or for a level of a text field the condition `field == "level"`.
    public var field: String
    /// Mean in the first segment (for a text level: the share of customers with that level).
    public var firstMean: Double
    /// Mean in the second segment.
    public var secondMean: Double
    /// (first mean - second mean) / sqrt((first variance + second variance) / 2), with sample
    /// variances over present values. ±infinity when neither segment varies but the means differ
    /// (encoded as null in JSON).
    public var standardizedDifference: Double

    public init(field: String, firstMean: Double, secondMean: Double, standardizedDifference: Double) {
        self.field = field
        self.firstMean = firstMean
        self.secondMean = secondMean
        self.standardizedDifference = standardizedDifference
    }

    private enum CodingKeys: String, CodingKey { case field, firstMean, secondMean, standardizedDifference }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(firstMean, forKey: .firstMean)
        try c.encode(secondMean, forKey: .secondMean)
        if standardizedDifference.isFinite {
            try c.encode(standardizedDifference, forKey: .standardizedDifference)
        } else {
            try c.encodeNil(forKey: .standardizedDifference)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        field = try c.decode(String.self, forKey: .field)
        firstMean = try c.decode(Double.self, forKey: .firstMean)
        secondMean = try c.decode(Double.self, forKey: .secondMean)
        standardizedDifference = try c.decodeIfPresent(Double.self, forKey: .standardizedDifference)
            ?? (firstMean > secondMean ? .infinity : -.infinity)
    }
}

/// Two segments side by side: size, risk, value, overlap and the fields that differ most.
public struct SegmentComparison: Codable, Equatable, Sendable {
    public var first: SegmentProfile
    public var second: SegmentProfile
    /// Customers in both segments.
    public var overlap: Int
    /// The fields with the largest absolute standardised mean difference, largest first.
    public var differences: [FeatureDifference]

    /// Text fields with more levels than this (ids, free text) are not compared level by level.
    public static let maxTextLevels = 20

    /// Compares two selections of `table`.
    ///
    /// Every number field is compared except the risk and value fields (shown in the profiles);
    /// each level of a text field with at most `maxTextLevels` levels is compared as a share, unless
    /// the table already has the one-hot number field `field=level`, and except the tier field.
    /// Fields with no present value in either segment, and fields equal in both, are left out.
    ///
    /// - Parameter top: how many differences to keep.
    public init(first: (name: String, rows: RowSelection), second: (name: String, rows: RowSelection),
                table: CustomerTable, top: Int = 10,
                riskField: String = CustomerTable.riskField, valueField: String = CustomerTable.valueField,
                tierField: String = CustomerTable.tierField) {
        self.first = SegmentProfile(name: first.name, rows: first.rows, table: table, riskField: riskField, valueField: valueField)
        self.second = SegmentProfile(name: second.name, rows: second.rows, table: table, riskField: riskField, valueField: valueField)
        overlap = first.rows.intersection(second.rows).count
        let a = first.rows.indices
        let b = second.rows.indices
        let names = Set(table.fieldNames)
        let excluded = Set([table.field(named: riskField)?.name, table.field(named: valueField)?.name,
                            table.field(named: tierField)?.name].compactMap { $0 })
        var found: [FeatureDifference] = []
        for field in table.fields where !excluded.contains(field.name) {
            switch field.values {
            case .number(let values):
                let x = Moments(values, a), y = Moments(values, b)
                if let d = Moments.difference(x, y) {
                    found.append(FeatureDifference(field: field.name, firstMean: x.mean, secondMean: y.mean, standardizedDifference: d))
                }
            case .text(let codes, let levels):
                guard levels.count <= Self.maxTextLevels else { continue }
                let x = LevelCounts(codes, levels.count, a), y = LevelCounts(codes, levels.count, b)
                for (k, level) in levels.enumerated() where !names.contains("\(field.name)=\(level)") {
                    let p = x.moments(k), q = y.moments(k)
                    if let d = Moments.difference(p, q) {
                        let label = "\(FilterChecker.spelled(field.name)) == \"\(Self.escaped(level))\""
                        found.append(FeatureDifference(field: label, firstMean: p.mean, secondMean: q.mean, standardizedDifference: d))
                    }
                }
            }
        }
        found.sort { lhs, rhs in
            let l = abs(lhs.standardizedDifference), r = abs(rhs.standardizedDifference)
            return l != r ? l > r : lhs.field < rhs.field
        }
        differences = Array(found.prefix(max(0, top)))
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// Count, mean and sample variance of present values.
struct Moments {
    var count: Int
    var mean: Double
    var variance: Double

    init(count: Int, mean: Double, variance: Double) {
        self.count = count
        self.mean = mean
        self.variance = variance
    }

    /// Over `values[i]` for the given rows, skipping NaN (Welford's update).
    init(_ values: [Double], _ rows: [Int]) {
        var n = 0, mean = 0.0, m2 = 0.0
        for i in rows {
            let v = values[i]
            if v.isNaN { continue }
            n += 1
            let delta = v - mean
            mean += delta / Double(n)
            m2 += delta * (v - mean)
        }
        self.init(count: n, mean: n > 0 ? mean : .nan, variance: n > 1 ? m2 / Double(n - 1) : 0)
    }

    /// The standardised mean difference, or nil when either side is empty or the means are equal.
    static func difference(_ x: Moments, _ y: Moments) -> Double? {
        guard x.count > 0, y.count > 0, x.mean != y.mean else { return nil }
        let pooled = ((x.variance + y.variance) / 2).squareRoot()
        if pooled > 0 { return (x.mean - y.mean) / pooled }
        return x.mean > y.mean ? .infinity : -.infinity
    }
}

/// Per-level counts of a text field over some rows (missing values left out).
struct LevelCounts {
    var counts: [Int]
    var present: Int

    init(_ codes: [Int32], _ levelCount: Int, _ rows: [Int]) {
        counts = [Int](repeating: 0, count: levelCount)
        present = 0
        for i in rows {
            let c = Int(codes[i])
            guard c >= 0, c < levelCount else { continue }
            counts[c] += 1
            present += 1
        }
    }

    /// The moments of the 0/1 indicator of level `k` among present values.
    func moments(_ k: Int) -> Moments {
        guard present > 0 else { return Moments(count: 0, mean: .nan, variance: 0) }
        let n = Double(present)
        let p = Double(counts[k]) / n
        let variance = present > 1 ? p * (1 - p) * n / (n - 1) : 0
        return Moments(count: present, mean: p, variance: variance)
    }
}

extension CustomerTable {
    /// The values of the number field with this name, or nil.
    public func numbers(named name: String) -> [Double]? {
        guard let field = field(named: name), case .number(let values) = field.values else { return nil }
        return values
    }

    /// The rows a saved segment selects.
    /// - Throws: `FilterError` when its expression no longer parses or names fields this table lacks.
    public func rows(in segment: SavedSegment) throws -> RowSelection {
        try segment.filter().evaluate(on: self)
    }

    /// Compares two saved segments over this table (see `SegmentComparison`).
    /// - Throws: `FilterError` when either expression does not fit this table.
    public func compare(_ first: SavedSegment, _ second: SavedSegment, top: Int = 10) throws -> SegmentComparison {
        SegmentComparison(first: (first.name, try rows(in: first)), second: (second.name, try rows(in: second)),
                          table: self, top: top)
    }
}
