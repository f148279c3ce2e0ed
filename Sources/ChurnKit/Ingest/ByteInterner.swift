/// A growable buffer of plain values in manually managed memory, for hot loops that must not pay
/// for copy-on-write or exclusivity checks. The owner calls `release()` exactly once.
struct PodBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = value
        count += 1
    }

    mutating func grow(to newCapacity: Int) {
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    /// Makes room for `extra` more elements without further growth.
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    mutating func release() { base.deallocate(); count = 0; capacity = 0 }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}

/// Interns byte strings: each distinct byte sequence gets a dense code (0, 1, 2...) in order of first
/// appearance. Open addressing with linear probing over a 64-bit hash; keys live in one byte arena, so
/// interning a value that was seen before allocates nothing. The owner calls `release()` exactly once.
struct ByteInterner {
    private var slots: UnsafeMutablePointer<Int32>
    private var slotMask: Int
    private var hashes: PodBuffer<UInt64>
    private var starts: PodBuffer<Int>
    private var lengths: PodBuffer<Int32>
    private var arena: PodBuffer<UInt8>

    /// Number of distinct keys.
    var count: Int { hashes.count }

    init(expected: Int = 64) {
        var slotCount = 64
        while slotCount < expected * 2 { slotCount <<= 1 }
        slots = UnsafeMutablePointer<Int32>.allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        slotMask = slotCount - 1
        hashes = PodBuffer(capacity: expected)
        starts = PodBuffer(capacity: expected)
        lengths = PodBuffer(capacity: expected)
        arena = PodBuffer(capacity: expected * 8)
    }

    mutating func release() {
        slots.deallocate(); hashes.release(); starts.release(); lengths.release(); arena.release()
    }

    /// A fast 64-bit hash of bytes (8 bytes per step, multiply-xorshift mixing).
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 29
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 32)
    }

    /// The code of a byte string, adding it when new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let h = ByteInterner.hash(p, n)
        var slot = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            let c = Int(code)
            if hashes.base[c] == h && Int(lengths.base[c]) == n
                && memcmp(arena.base + starts.base[c], p, n) == 0 {
                return code
            }
            slot = (slot + 1) & slotMask
        }
        let code = Int32(hashes.count)
        slots[slot] = code
        hashes.append(h)
        starts.append(arena.count)
        lengths.append(Int32(n))
        arena.reserve(n)
        for k in 0..<n { arena.append(p[k]) }
        if hashes.count * 2 > slotMask + 1 { rehash() }
        return code
    }

    private mutating func rehash() {
        let slotCount = (slotMask + 1) * 2
        slots.deallocate()
        slots = UnsafeMutablePointer<Int32>.allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        slotMask = slotCount - 1
        for c in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes.base[c]) & slotMask
            while slots[slot] >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Int32(c)
        }
    }

    /// The bytes of a code.
    @inline(__always)
    func key(_ code: Int) -> (pointer: UnsafePointer<UInt8>, count: Int) {
        (UnsafePointer(arena.base + starts.base[code]), Int(lengths.base[code]))
    }

    /// Every key as a string, in code order.
    func strings() -> [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        for c in 0..<count {
            let (p, n) = key(c)
            result.append(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
