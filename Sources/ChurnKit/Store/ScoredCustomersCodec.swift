import Foundation

/// A compact columnar encoding of one scoring's customers (`scoring_snapshots.blob`), so the terminal
/// app's first frame reads one blob instead of a million prediction rows and their JSON.
///
/// Layout (little-endian): magic "CSC1", count n, then ids (n+1 UInt32 offsets, UTF-8 bytes),
/// probabilities (n Float64), tiers (n UInt8), reason levels (count, offsets, bytes), reason codes
/// (n Int32), a values flag and values (n Float64). The predictions rows stay the record; a snapshot
/// is derived from them and can always be rebuilt.
public enum ScoredCustomersCodec {
    static let magic: [UInt8] = Array("CSC1".utf8)

    /// Why a snapshot blob cannot be read.
    public struct DecodingError: UserFacingError, Equatable {
        public var reason: String
        public var message: String { "a stored score snapshot is damaged (\(reason)); it is rebuilt from the predictions" }
        public var exitCode: Int32 { ExitCode.dataError }
    }

    /// Encodes the customers.
    public static func encode(_ c: ScoredCustomers) -> Data {
        var out = Data()
        out.reserveCapacity(c.count * 32 + 64)
        out.append(contentsOf: magic)
        append(UInt32(c.count), to: &out)
        appendStrings(c.ids, to: &out)
        c.probabilities.withUnsafeBytes { out.append(contentsOf: $0) }
        out.append(contentsOf: c.tiers.map(\.rawValue))
        append(UInt32(c.reasonLevels.count), to: &out)
        appendStrings(c.reasonLevels, to: &out)
        c.reasonCodes.withUnsafeBytes { out.append(contentsOf: $0) }
        if let values = c.values {
            out.append(1)
            values.withUnsafeBytes { out.append(contentsOf: $0) }
        } else {
            out.append(0)
        }
        return out
    }

    /// Decodes what `encode` wrote.
    ///
    /// - Throws: `DecodingError` when the blob is truncated or not a snapshot.
    public static func decode(_ data: Data) throws -> ScoredCustomers {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> ScoredCustomers in
            var reader = Reader(raw: raw)
            guard try reader.bytes(4).elementsEqual(magic) else { throw DecodingError(reason: "not a snapshot") }
            let n = Int(try reader.uint32())
            let ids = try reader.strings(n)
            let probabilities: [Double] = try reader.array(n)
            let tierBytes = try reader.bytes(n)
            let tiers = tierBytes.map { StoredTier(rawValue: $0) ?? .unknown }
            let levelCount = Int(try reader.uint32())
            let levels = try reader.strings(levelCount)
            let codes: [Int32] = try reader.array(n)
            guard codes.allSatisfy({ $0 >= -1 && Int($0) < levelCount }) else { throw DecodingError(reason: "a reason code is out of range") }
            let hasValues = try reader.bytes(1).first == 1
            let values: [Double]? = hasValues ? try reader.array(n) : nil
            guard reader.offset == raw.count else { throw DecodingError(reason: "trailing bytes") }
            return ScoredCustomers(ids: ids, probabilities: probabilities, tiers: tiers, reasonCodes: codes, reasonLevels: levels,
                                   values: values)
        }
    }

    private static func append(_ v: UInt32, to out: inout Data) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendStrings(_ strings: [String], to out: inout Data) {
        var offsets: [UInt32] = [0]
        offsets.reserveCapacity(strings.count + 1)
        var bytes: [UInt8] = []
        for s in strings {
            bytes.append(contentsOf: s.utf8)
            offsets.append(UInt32(bytes.count))
        }
        offsets.withUnsafeBytes { out.append(contentsOf: $0) }
        out.append(contentsOf: bytes)
    }

    /// Reads the blob front to back, checking every length against what is left.
    private struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        mutating func bytes(_ count: Int) throws -> UnsafeRawBufferPointer {
            guard count >= 0, offset + count <= raw.count else { throw DecodingError(reason: "truncated") }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)])
        }

        mutating func uint32() throws -> UInt32 {
            UInt32(littleEndian: try bytes(4).loadUnaligned(as: UInt32.self))
        }

        mutating func array<T>(_ count: Int) throws -> [T] {
            let region = try bytes(count * MemoryLayout<T>.stride)
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0, let base = buffer.baseAddress {
                    UnsafeMutableRawPointer(base).copyMemory(from: region.baseAddress!, byteCount: region.count)
                }
                initialized = count
            }
        }

        mutating func strings(_ count: Int) throws -> [String] {
            let offsets: [UInt32] = try array(count + 1)
            guard let total = offsets.last, offsets.first == 0 else { throw DecodingError(reason: "bad string offsets") }
            let text = try bytes(Int(total))
            var out: [String] = []
            out.reserveCapacity(count)
            for i in 0..<count {
                let a = Int(offsets[i]), b = Int(offsets[i + 1])
                guard a <= b, b <= text.count else { throw DecodingError(reason: "bad string offsets") }
                out.append(String(decoding: UnsafeRawBufferPointer(rebasing: text[a..<b]), as: UTF8.self))
            }
            return out
        }
    }
}
