import Foundation

/// Seeded stratified k-fold assignment: every row gets one validation fold, and each fold holds about
/// the same share of churned customers as the whole data set.
///
/// Algorithm: the rows of each class are shuffled with a `SeededRandom` generator, the two shuffled
/// lists are laid end to end (negatives then positives) and dealt to the folds in turn, and the fold
/// numbers are finally renamed by a random permutation so that the folds receiving one extra example
/// vary with the seed. Consequences, all tested:
/// - each fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of each class c, so its class ratio is within one example
///   of the overall ratio, and fold sizes differ by at most one;
/// - every row is in exactly one validation fold;
/// - the same labels, k and seed give the same folds.
///
/// A label above 0.5 counts as positive, as everywhere in ChurnKit.
public enum StratifiedKFold {
    /// The fold number (0..<k) of every row.
    ///
    /// Throws `FoldError.tooFewFolds` when k < 2, `TrainingError.oneClass` when only one class is
    /// present and `TrainingError.tooFewMinority` when a class has fewer than k rows (some validation
    /// fold would then have no example of it).
    public static func folds(labels: [Double], k: Int, seed: UInt64) throws -> [Int] {
        guard k >= 2 else { throw FoldError.tooFewFolds(k) }
        var negatives: [Int] = [], positives: [Int] = []
        negatives.reserveCapacity(labels.count); positives.reserveCapacity(labels.count)
        for (i, label) in labels.enumerated() {
            if label > 0.5 { positives.append(i) } else { negatives.append(i) }
        }
        if positives.isEmpty || negatives.isEmpty {
            throw TrainingError.oneClass(label: positives.isEmpty ? 0 : 1)
        }
        let minority = min(positives.count, negatives.count)
        guard minority >= k else { throw TrainingError.tooFewMinority(count: minority, needed: k) }
        var random = SeededRandom(seed: seed)
        random.shuffle(&negatives)
        random.shuffle(&positives)
        let rename = random.permutation(k)
        var assignment = [Int](repeating: 0, count: labels.count)
        var position = 0
        for i in negatives { assignment[i] = rename[position % k]; position += 1 }
        for i in positives { assignment[i] = rename[position % k]; position += 1 }
        return assignment
    }

    /// Rows whose fold is `fold` (the validation rows of that fold), in increasing order.
    public static func validationIndices(folds: [Int], fold: Int) -> [Int] {
        folds.indices.filter { folds[$0] == fold }
    }

    /// Rows whose fold is not `fold` (the training rows of that fold), in increasing order.
    public static func trainingIndices(folds: [Int], fold: Int) -> [Int] {
        folds.indices.filter { folds[$0] != fold }
    }

    /// (training rows, validation rows) for each fold 0..<k, each list in increasing order.
    public static func splits(folds: [Int], k: Int) -> [(training: [Int], validation: [Int])] {
        var validation = [[Int]](repeating: [], count: k)
        var training = [[Int]](repeating: [], count: k)
        for (i, f) in folds.enumerated() {
            precondition(f >= 0 && f < k, "fold \(f) of row \(i) is outside 0..<\(k)")
            for g in 0..<k { if g == f { validation[g].append(i) } else { training[g].append(i) } }
        }
        return (0..<k).map { (training[$0], validation[$0]) }
    }

    // MARK: Fold files

    /// The header line of a fold file.
    public static let csvHeader = "row,fold"

    /// The assignment as CSV text: a `row,fold` header, then one line per row with the 0-based row
    /// number and its 0-based fold, in row order (the format the scikit-learn benchmark reads).
    public static func csv(folds: [Int]) -> String {
        var text = csvHeader + "\n"
        text.reserveCapacity(folds.count * 8 + 9)
        for (i, f) in folds.enumerated() { text += "\(i),\(f)\n" }
        return text
    }

    /// Writes the assignment to `url` as `csv(folds:)` does. Throws `FoldError.cannotWrite`.
    public static func write(folds: [Int], to url: URL) throws {
        do {
            try Data(csv(folds: folds).utf8).write(to: url, options: .atomic)
        } catch {
            throw FoldError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Reads a fold file written by `write(folds:to:)` (or by another tool in the same format).
    ///
    /// Rows may come in any order but each of 0..<n must appear exactly once; `expectedRows`, when
    /// given, must equal n. Returns the fold of every row and the number of folds (largest fold + 1).
    /// Every problem is a `FoldError.badFile` naming the file, the line and the field.
    public static func read(from url: URL, expectedRows: Int? = nil) throws -> (folds: [Int], k: Int) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FoldError.cannotRead(path: url.path, reason: error.localizedDescription)
        }
        return try parse(text, path: url.path, expectedRows: expectedRows)
    }

    /// Parses fold-file text (see `read(from:expectedRows:)`); `path` names the source in errors.
    public static func parse(_ text: String, path: String, expectedRows: Int? = nil) throws -> (folds: [Int], k: Int) {
        func bad(_ line: Int, _ field: String, _ problem: String) -> FoldError {
            .badFile(path: path, line: line, field: field, problem: problem)
        }
        // "\r\n" is one Character in Swift, and a newline: this splits on LF and CRLF alike.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let header = lines.first else { throw bad(1, "header", "the file is empty; expected the header \"\(csvHeader)\"") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names == ["row", "fold"] else {
            throw bad(1, "header", "found \"\(header)\"; expected \"\(csvHeader)\"")
        }
        var entries: [(row: Int, fold: Int, line: Int)] = []
        entries.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                throw bad(number, "row,fold", "found \(fields.count) field(s) in \"\(line)\"; expected two numbers like \"12,3\"")
            }
            let rowText = fields[0].trimmingCharacters(in: .whitespaces)
            let foldText = fields[1].trimmingCharacters(in: .whitespaces)
            guard let row = Int(rowText), row >= 0 else {
                throw bad(number, "row", "\"\(rowText)\" is not a row number (expected a whole number from 0)")
            }
            guard let fold = Int(foldText), fold >= 0 else {
                throw bad(number, "fold", "\"\(foldText)\" is not a fold number (expected a whole number from 0)")
            }
            entries.append((row, fold, number))
        }
        let n = entries.count
        if let expectedRows, expectedRows != n {
            throw bad(lines.count, "row", "the file assigns \(n) rows but the data has \(expectedRows)")
        }
        var folds = [Int](repeating: -1, count: n)
        for entry in entries {
            guard entry.row < n else {
                throw bad(entry.line, "row", "row \(entry.row) is beyond the \(n) rows listed; rows must be numbered 0 to \(n - 1) without gaps")
            }
            guard folds[entry.row] < 0 else { throw bad(entry.line, "row", "row \(entry.row) appears more than once") }
            folds[entry.row] = entry.fold
        }
        let k = (folds.max() ?? -1) + 1
        guard k >= 2 else { throw FoldError.tooFewFolds(k) }
        var used = [Bool](repeating: false, count: k)
        for f in folds { used[f] = true }
        if let empty = used.firstIndex(of: false) {
            throw bad(lines.count, "fold", "fold \(empty) has no rows; folds must be numbered 0 to \(k - 1) without gaps")
        }
        return (folds, k)
    }
}

/// Why folds could not be made, read or written.
public enum FoldError: UserFacingError, Equatable {
    /// Fewer than two folds were asked for.
    case tooFewFolds(Int)
    /// A fold file has a malformed line.
    case badFile(path: String, line: Int, field: String, problem: String)
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var message: String {
        switch self {
        case .tooFewFolds(let k):
            return "cross-validation needs at least 2 folds, got \(k); use --folds 2 or more (5 is usual)"
        case .badFile(let path, let line, let field, let problem):
            return "\(path) line \(line), field \"\(field)\": \(problem)"
        case .cannotRead(let path, let reason): return "cannot read the fold file \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write the fold file \(path): \(reason)"
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .tooFewFolds: return ExitCode.usage
        case .badFile: return ExitCode.dataError
        case .cannotRead: return ExitCode.noInput
        case .cannotWrite: return ExitCode.cannotCreate
        }
    }
}
