import Foundation

/// Writes a file through a large byte buffer: text is appended as bytes and flushed in big chunks,
/// so millions of CSV lines cost no per-line system call or String allocation.
///
/// A non-copyable struct over a raw buffer: appends are plain stores (a class would pay a runtime
/// exclusivity check per byte), and `deinit` closes the file and frees the buffer if `close()` was not reached.
struct BufferedFileWriter: ~Copyable {
    /// The path being written (used in messages).
    let path: String
    private var descriptor: Int32
    private var buffer: ByteBuffer
    private let chunk: Int

    /// Creates or truncates the file. Throws a `FeatureError` naming the path and the system's reason.
    init(path: String, chunkSize: Int = 4 << 20) throws {
        self.path = path
        self.chunk = chunkSize
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 {
            throw FeatureError("Cannot create \(path): \(String(cString: strerror(errno))).", exitCode: ExitCode.cannotCreate)
        }
        buffer = ByteBuffer(capacity: chunkSize + 65_536)
    }

    deinit {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
        buffer.free()
    }

    /// Appends one byte.
    @inline(__always) mutating func append(_ byte: UInt8) { buffer.append(byte) }

    /// Appends bytes as they are.
    @inline(__always) mutating func append(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
    }

    /// Appends bytes as they are.
    @inline(__always) mutating func append(bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    /// Appends the UTF-8 bytes of a string as they are.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in buffer.append(contentsOf: bytes) }
    }

    /// Appends a field, quoted by RFC 4180 when it holds a comma, quote, CR or LF (quotes doubled).
    mutating func appendField(_ text: String) {
        var needsQuotes = false
        for b in text.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { needsQuotes = true; break }
        guard needsQuotes else { append(text); return }
        buffer.append(0x22)
        for b in text.utf8 {
            if b == 0x22 { buffer.append(0x22) }
            buffer.append(b)
        }
        buffer.append(0x22)
    }

    /// Appends an integer in decimal.
    @inline(__always) mutating func appendInt(_ value: Int64) {
        if value < 0 {
            buffer.append(0x2D)
            if value == Int64.min { append("9223372036854775808"); return }
            appendUnsigned(UInt64(-value))
        } else {
            appendUnsigned(UInt64(value))
        }
    }

    @inline(__always) private mutating func appendUnsigned(_ value: UInt64) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value, n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
                n += 1
            } while v > 0
        }
        withUnsafeBytes(of: &digits) { d in
            while n > 0 { n -= 1; buffer.append(d[n]) }
        }
    }

    /// Appends a number with `decimals` fixed decimals (0...9), e.g. 12.50 for amounts.
    @inline(__always) mutating func appendFixed(_ value: Double, decimals: Int) {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard abs(scaled) < 9e18 else { append(String(value)); return }
        var units = Int64(scaled)
        if units < 0 { buffer.append(0x2D); units = -units }
        appendUnsigned(UInt64(units / scale))
        if decimals > 0 {
            buffer.append(0x2E)
            var rest = units % scale
            var divisor = scale / 10
            while divisor > 0 {
                buffer.append(UInt8(truncatingIfNeeded: rest / divisor) &+ 0x30)
                rest %= divisor
                divisor /= 10
            }
        }
    }

    /// Appends a number readably: integers without a decimal point, others with at most 6 decimals
    /// (trailing zeros trimmed), NaN and infinities as an empty field.
    @inline(__always) mutating func appendNumber(_ value: Double) {
        guard value.isFinite else { return }
        if value == value.rounded(), abs(value) < 1e15 { appendInt(Int64(value)); return }
        let micro = (value * 1_000_000).rounded()
        guard abs(micro) < 9e15 else { append(String(value)); return }
        var units = Int64(micro)
        if units == 0 { buffer.append(0x30); return }
        if units < 0 { buffer.append(0x2D); units = -units }
        appendUnsigned(UInt64(units / 1_000_000))
        var fraction = units % 1_000_000
        guard fraction > 0 else { return }
        buffer.append(0x2E)
        var width = 6
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            buffer.append(UInt8(truncatingIfNeeded: fraction / divisor) &+ 0x30)
            fraction %= divisor
            divisor /= 10
        }
    }

    /// Appends `YYYY-MM-DD` for a day number.
    @inline(__always) mutating func appendISODate(days: Int64) {
        let (y, m, d) = CivilDate.civil(days: days)
        appendZeroPadded(y, 4); buffer.append(0x2D); appendZeroPadded(m, 2); buffer.append(0x2D); appendZeroPadded(d, 2)
    }

    /// Appends a non-negative integer padded with zeros to `width` digits.
    @inline(__always) mutating func appendZeroPadded(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        if value >= divisor * 10 || value < 0 { appendInt(Int64(value)); return }
        var v = value
        while divisor > 0 { buffer.append(UInt8(truncatingIfNeeded: v / divisor) + 0x30); v %= divisor; divisor /= 10 }
    }

    /// Ends a line and flushes when the buffer has reached the chunk size.
    @inline(__always) mutating func endLine() throws {
        buffer.append(0x0A)
        if buffer.count >= chunk { try flush() }
    }

    /// Writes out the buffer.
    mutating func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FeatureError("Cannot write \(path): \(String(cString: strerror(errno))).", exitCode: ExitCode.ioError)
            }
            offset += written
        }
        buffer.count = 0
    }

    /// Flushes and closes the file.
    mutating func close() throws {
        try flush()
        let result = Foundation.close(descriptor)
        descriptor = -1
        if result != 0 {
            throw FeatureError("Cannot finish writing \(path): \(String(cString: strerror(errno))).", exitCode: ExitCode.ioError)
        }
    }
}

/// A growable raw byte buffer (no copy-on-write, no exclusivity checks); owned by `BufferedFileWriter`.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    @inline(__always) mutating func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
