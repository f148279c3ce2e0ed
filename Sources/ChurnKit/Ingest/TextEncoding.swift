import Dispatch

/// Detection of the text encoding (UTF-8 or Windows-1252) and transcoding to UTF-8.
enum TextEncoding {
    /// Offset of the first byte that breaks UTF-8 in `base[start..<end]`, or nil when it is all valid.
    static func firstInvalidUTF8(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start
        let raw = UnsafeRawPointer(base)
        while i < end {
            // Skip ASCII 32 bytes, then 8 bytes, at a time.
            while i + 32 <= end {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let c = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let d = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if (a | b | c | d) & 0x8080_8080_8080_8080 != 0 { break }
                i += 32
            }
            while i + 8 <= end && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            if i >= end { break }
            let c = base[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var minimum: UInt32 = 0
            var scalar: UInt32 = 0
            if c & 0xE0 == 0xC0 { need = 1; minimum = 0x80; scalar = UInt32(c & 0x1F) }
            else if c & 0xF0 == 0xE0 { need = 2; minimum = 0x800; scalar = UInt32(c & 0x0F) }
            else if c & 0xF8 == 0xF0 { need = 3; minimum = 0x10000; scalar = UInt32(c & 0x07) }
            else { return i }
            if i + need >= end { return i }
            for k in 1...need {
                let d = base[i + k]
                if d & 0xC0 != 0x80 { return i }
                scalar = scalar << 6 | UInt32(d & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }

    /// Like `firstInvalidUTF8` over the whole range, using both cores on large inputs.
    static func firstInvalidUTF8Parallel(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let size = end - start
        if size < 4 << 20 { return firstInvalidUTF8(base, start, end) }
        // Split at ASCII bytes so no sequence straddles a boundary.
        var mid = start + size / 2
        while mid < end && base[mid] >= 0x80 { mid += 1 }
        let bounds = [start, mid, end]
        nonisolated(unsafe) let results = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { results.deallocate() }
        nonisolated(unsafe) let p = base
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            results[k] = firstInvalidUTF8(p, bounds[k], bounds[k + 1]) ?? -1
        }
        if results[0] >= 0 { return results[0] }
        return results[1] >= 0 ? results[1] : nil
    }

    /// Unicode scalars of Windows-1252 bytes 0x80-0x9F (undefined bytes map to the C1 control of the same value).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Transcodes Windows-1252 bytes to a new UTF-8 buffer.
    static func transcodeWindows1252(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> InputBytes {
        let capacity = max(1, (end - start) * 3)
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var o = 0
        for i in start..<end {
            let c = base[i]
            if c < 0x80 { out[o] = c; o += 1; continue }
            let scalar: UInt32 = c < 0xA0 ? cp1252High[Int(c) - 0x80] : UInt32(c)
            if scalar < 0x800 {
                out[o] = UInt8(0xC0 | (scalar >> 6)); out[o + 1] = UInt8(0x80 | (scalar & 0x3F)); o += 2
            } else {
                out[o] = UInt8(0xE0 | (scalar >> 12)); out[o + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                out[o + 2] = UInt8(0x80 | (scalar & 0x3F)); o += 3
            }
        }
        return InputBytes.owned(out, count: o)
    }
}
