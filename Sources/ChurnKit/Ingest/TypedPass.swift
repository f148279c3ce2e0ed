import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A record-level problem found by the typed pass.
enum RecordFailure {
    case scan(ScanFailure, record: Int)
    case fieldCount(record: Int, found: Int)
}

/// The outcome of reading every record into typed columns.
struct TypedPassResult {
    /// One entry per plan; nil for skipped columns.
    var values: [ColumnValues?]
    /// The first cell per column that did not fit its plan.
    var failures: [ValueFailure?]
    /// The first record per column with a forbidden blank, or -1.
    var blankRecords: [Int]
    var rows: Int
    var recordFailure: RecordFailure?
    var blankLines: Int
    var rowsWithTrailingEmptyFields: Int
}

/// Reads all records into typed columns in one pass, using every core: the bytes are cut at line ends
/// into chunks parsed concurrently. A cut can fall inside a quoted field that spans lines; that is found
/// by checking that each chunk ends exactly where the next begins, and the rest is then re-read in order.
enum TypedPass {
    private struct Chunk {
        var writers: UnsafeMutablePointer<ColumnWriter>
        var rows = 0
        var end = 0
        var failure: RecordFailure?
        var blankLines = 0
        var trailing = 0
        var touched: UInt32 = 0
    }

    /// - Parameter mappedFile: the bytes are a read-only file mapping whose pages may be dropped from
    ///   memory once parsed (they come back from the page cache if read again); false for owned buffers.
    static func run(base: UnsafePointer<UInt8>, start: Int, end: Int, delimiter: UInt8, plans: [ColumnPlan],
                    estimatedRows: Int, mappedFile: Bool = false) -> TypedPassResult {
        let size = end - start
        let cores = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let chunkCount = size > 8 << 20 ? max(2, cores) : 1
        var bounds = [start]
        for k in 1..<chunkCount {
            var cut = start + size / chunkCount * k
            while cut < end && base[cut - 1] != CSVScanner.lf { cut += 1 }
            bounds.append(max(cut, bounds[bounds.count - 1]))
        }
        bounds.append(end)
        let perChunk = estimatedRows / chunkCount + 1024
        nonisolated(unsafe) let chunks = UnsafeMutablePointer<Chunk>.allocate(capacity: chunkCount)
        defer { chunks.deallocate() }
        nonisolated(unsafe) let bytes = base
        let ncols = plans.count
        DispatchQueue.concurrentPerform(iterations: chunkCount) { k in
            chunks.advanced(by: k).initialize(to: parse(bytes, from: bounds[k], stop: bounds[k + 1], end: end,
                                                        delimiter: delimiter, plans: plans, expectedRows: perChunk,
                                                        mappedFile: mappedFile))
        }
        var list: [Chunk] = (0..<chunkCount).map { chunks[$0] }
        // Check the seams; re-read from the first misaligned one.
        var k = 1
        while k < list.count {
            if list[k - 1].failure != nil {
                for j in k..<list.count { release(list[j], ncols) }
                list.removeSubrange(k...)
                break
            }
            if list[k - 1].end != bounds[k] {
                for j in k..<list.count { release(list[j], ncols) }
                list.removeSubrange(k...)
                list.append(parse(base, from: list[k - 1].end, stop: end, end: end, delimiter: delimiter,
                                  plans: plans, expectedRows: perChunk))
                break
            }
            k += 1
        }
        var result = TypedPassResult(values: [], failures: [], blankRecords: [], rows: 0, recordFailure: nil,
                                     blankLines: 0, rowsWithTrailingEmptyFields: 0)
        for chunk in list {
            result.rows += chunk.rows; result.blankLines += chunk.blankLines
            result.rowsWithTrailingEmptyFields += chunk.trailing
            if result.recordFailure == nil { result.recordFailure = chunk.failure }
        }
        // Columns merge independently, so they merge in parallel.
        nonisolated(unsafe) let merged = UnsafeMutablePointer<ColumnValues?>.allocate(capacity: ncols)
        merged.initialize(repeating: nil, count: ncols)
        defer { merged.deinitialize(count: ncols); merged.deallocate() }
        nonisolated(unsafe) let chunkList = list
        let rows = result.rows
        DispatchQueue.concurrentPerform(iterations: ncols) { c in
            merged[c] = merge(chunkList, column: c, rows: rows)
            // Free this column's chunk buffers now, so peak memory holds one copy of most columns.
            for chunk in chunkList { chunk.writers[c].release() }
        }
        for c in 0..<ncols {
            result.values.append(merged[c])
            result.failures.append(list.lazy.compactMap { $0.writers[c].failure }.first)
            result.blankRecords.append(list.lazy.map { $0.writers[c].blankRecord }.first { $0 >= 0 } ?? -1)
        }
        for chunk in list { chunk.writers.deinitialize(count: ncols); chunk.writers.deallocate() }
        return result
    }

    private static func release(_ chunk: Chunk, _ ncols: Int) {
        for c in 0..<ncols { chunk.writers[c].release() }
        chunk.writers.deinitialize(count: ncols)
        chunk.writers.deallocate()
    }

    /// Parses the records that start in `from..<stop` (the last one may run past `stop`).
    private static func parse(_ base: UnsafePointer<UInt8>, from: Int, stop: Int, end: Int, delimiter: UInt8,
                              plans: [ColumnPlan], expectedRows: Int, mappedFile: Bool = false) -> Chunk {
        let ncols = plans.count
        let writers = UnsafeMutablePointer<ColumnWriter>.allocate(capacity: ncols)
        for c in 0..<ncols { (writers + c).initialize(to: ColumnWriter(plan: plans[c], expectedRows: expectedRows)) }
        var chunk = Chunk(writers: writers)
        let capacity = ncols * 2 + 8
        // Records are read in batches: the hash slots of a batch's string cells are touched first so the
        // cache misses of a large id table overlap instead of stalling one by one.
        let batch = 32
        let fields = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * batch)
        defer { fields.deallocate() }
        let records = UnsafeMutablePointer<Int>.allocate(capacity: batch)
        defer { records.deallocate() }
        let stringColumns = (0..<ncols).filter { plans[$0].storage == .strings }
        var scratch = PodBuffer<UInt8>(capacity: 256)
        defer { scratch.release() }
        var scanner = CSVScanner(base: base, start: from, end: end, delimiter: delimiter)
        var rows = 0
        var touched: UInt32 = 0
        var finished = false
        let pageSize = 1 << 12
        var released = (from + pageSize - 1) & ~(pageSize - 1)
        while !finished && scanner.position < stop {
            if mappedFile && scanner.position - released >= 32 << 20 {
                // Parsed pages are not needed any more: keep them out of the resident set.
                let upTo = scanner.position & ~(pageSize - 1)
                _ = madvise(UnsafeMutableRawPointer(mutating: base + released), upTo - released, MADV_DONTNEED)
                released = upTo
            }
            var filled = 0
            while filled < batch && scanner.position < stop {
                let f = fields + filled * capacity
                let n = scanner.next(into: f, capacity: capacity)
                if n == -1 { finished = true; break }
                let record = scanner.recordStart
                if n == -2 {
                    chunk.failure = .scan(scanner.failure ?? .unterminatedQuote(quoteOffset: record), record: record)
                    finished = true; break
                }
                if n != ncols {
                    if CSVScanner.isBlankRecord(n, f[0], base) { chunk.blankLines += 1; continue }
                    if n > ncols && n <= capacity && (ncols..<n).allSatisfy({ isBlankBytes(base, f[$0].start, f[$0].end) }) {
                        chunk.trailing += 1
                    } else {
                        chunk.failure = .fieldCount(record: record, found: n)
                        finished = true; break
                    }
                }
                records[filled] = record
                filled += 1
            }
            for c in stringColumns {
                let w = writers + c
                guard w.pointee.interner.isLarge else { continue }
                for r in 0..<filled {
                    let span = fields[r * capacity + c]
                    touched &+= w.pointee.interner.touch(base + span.start, span.end - span.start)
                }
            }
            for r in 0..<filled {
                let f = fields + r * capacity
                for c in 0..<ncols { writers[c].consume(base, f[c], record: records[r], scratch: &scratch) }
            }
            rows += filled
        }
        chunk.touched = touched
        chunk.rows = rows
        chunk.end = scanner.position
        return chunk
    }

    /// Concatenates one column over the chunks; string codes of later chunks are re-coded into the first
    /// chunk's interner so levels keep the order of first appearance in the file.
    private static func merge(_ list: [Chunk], column c: Int, rows: Int) -> ColumnValues? {
        switch list[0].writers[c].mode {
        case .skip:
            return nil
        case .number, .boolean:
            return .number(concat(list.map { $0.writers[c].numbers.buffer }, rows))
        case .time:
            return .time(concat(list.map { $0.writers[c].times.buffer }, rows))
        case .strings:
            var codes = [Int32](repeating: -1, count: rows)
            var offset = 0
            codes.withUnsafeMutableBufferPointer { out in
                for (k, chunk) in list.enumerated() {
                    let w = chunk.writers + c
                    let source = w.pointee.codes.buffer
                    if k == 0 {
                        for i in 0..<source.count { out[i] = source[i] }
                    } else {
                        var remap = [Int32](repeating: 0, count: w.pointee.interner.count)
                        for code in 0..<remap.count {
                            let key = w.pointee.interner.key(code)
                            remap[code] = list[0].writers[c].interner.intern(key.pointer, key.count)
                        }
                        for i in 0..<source.count {
                            let v = source[i]
                            out[offset + i] = v < 0 ? -1 : remap[Int(v)]
                        }
                    }
                    offset += source.count
                }
            }
            return .strings(codes: codes, levels: list[0].writers[c].interner.strings())
        }
    }

    private static func concat<T>(_ parts: [UnsafeBufferPointer<T>], _ rows: Int) -> [T] {
        [T](unsafeUninitializedCapacity: rows) { out, initialized in
            var offset = 0
            for part in parts {
                if let src = part.baseAddress, let dst = out.baseAddress, part.count > 0 {
                    (dst + offset).initialize(from: src, count: part.count)
                }
                offset += part.count
            }
            initialized = offset
        }
    }
}
