/// A growable buffer of plain values in manually managed memory, for hot loops that must not pay
/// for copy-on-write or exclusivity checks. The owner calls `release()` exactly once.
struct PodBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = PodBuffer.allocate(self.capacity)
    }

    /// Memory for `count` elements; large blocks are aligned for and advised to use huge pages, which
    /// cuts the page faults of filling hundreds of megabytes of columns.
    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Element> {
        let bytes = count * MemoryLayout<Element>.stride
        let huge = 2 << 20
        var raw: UnsafeMutableRawPointer?
        if bytes < 2 * huge || posix_memalign(&raw, huge, bytes) != 0 { raw = malloc(max(bytes, 1)) }
        guard let memory = raw else { fatalError("out of memory allocating \(bytes) bytes") }
        #if os(Linux)
        if bytes >= 2 * huge { _ = madvise(memory, bytes, 14) }  // MADV_HUGEPAGE
        #endif
        return memory.bindMemory(to: Element.self, capacity: count)
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = value
        count += 1
    }

    mutating func grow(to newCapacity: Int) {
        let fresh = PodBuffer.allocate(newCapacity)
        fresh.moveInitialize(from: base, count: count)
        free(base)
        base = fresh
        capacity = newCapacity
    }

    /// Makes room for `extra` more elements without further growth.
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: max(count + extra, capacity * 2)) }
    }

    mutating func release() { free(base); count = 0; capacity = 0 }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}

/// Interns byte strings: each distinct byte sequence gets a dense code (0, 1, 2...) in order of first
/// appearance. Open addressing with linear probing; each slot holds keys of up to 16 bytes inline (so a
/// lookup of a short id such as a customer number touches one cache line and no key storage), longer keys
/// as their 64-bit hash plus a check against the byte arena. Interning a value seen before allocates
/// nothing. The owner calls `release()` exactly once.
struct ByteInterner {
    /// One slot (16 bytes, four per cache line): the key's first 8 bytes zero-padded, its length and code.
    /// Keys of up to 8 bytes compare inline; longer ones are checked against the arena.
    private struct Slot {
        var word0: UInt64
        /// Code + 1 (0 = empty).
        var codePlusOne: UInt32
        var length: UInt32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var slotMask: Int
    private var starts: PodBuffer<Int>
    private var lengths: PodBuffer<Int32>
    private var arena: PodBuffer<UInt8>

    /// Number of distinct keys.
    var count: Int { starts.count }

    /// Whether the slot table is too large to stay in the core's cache (then `touch` pays off).
    var isLarge: Bool { slotMask >= 1 << 15 }

    init(expected: Int = 64) {
        var slotCount = 64
        while slotCount < expected * 2 { slotCount <<= 1 }
        slots = ByteInterner.allocateSlots(slotCount)
        slotMask = slotCount - 1
        starts = PodBuffer(capacity: expected)
        lengths = PodBuffer(capacity: expected)
        arena = PodBuffer(capacity: expected * 8)
    }

    mutating func release() {
        free(slots); starts.release(); lengths.release(); arena.release()
    }

    /// Zeroed slots aligned for huge pages: a table of a million ids is looked up at random, and 4 KB
    /// pages would make nearly every lookup a TLB miss.
    private static func allocateSlots(_ count: Int) -> UnsafeMutablePointer<Slot> {
        let bytes = count * MemoryLayout<Slot>.stride
        let huge = 2 << 20
        var raw: UnsafeMutableRawPointer?
        if posix_memalign(&raw, bytes >= huge ? huge : 64, bytes) != 0 || raw == nil {
            raw = malloc(bytes)
        }
        guard let memory = raw else { fatalError("out of memory allocating \(bytes) bytes") }
        #if os(Linux)
        if bytes >= huge { _ = madvise(memory, bytes, 14) }  // MADV_HUGEPAGE
        #endif
        memset(memory, 0, bytes)
        return memory.bindMemory(to: Slot.self, capacity: count)
    }

    /// Reads the slot a short key hashes to, so that a later `intern` of it finds the line in cache.
    /// Returns a value only to keep the load from being optimised away.
    @inline(__always)
    func touch(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        guard n <= 8 else { return 0 }
        let h = ByteInterner.mix(ByteInterner.word(p, n) ^ (UInt64(truncatingIfNeeded: n) << 59))
        return slots[Int(truncatingIfNeeded: h) & slotMask].length
    }

    /// Mixes a 64-bit value into a well-spread hash (the murmur3 finaliser).
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }

    /// Loads up to 8 bytes little-endian, zero-padded.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        if n >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
        var w: UInt64 = 0
        var i = 0
        if n >= 4 {
            w = UInt64(UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)); i = 4
        }
        while i < n { w |= UInt64(p[i]) << UInt64(i * 8); i += 1 }
        return w
    }

    /// A 64-bit hash of any length of bytes.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i + 8 <= n {
            h = mix(h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            i += 8
        }
        if i < n { h = mix(h ^ word(p + i, n - i) ^ 0x5555) }
        return h
    }

    /// The slot hash of a key whose first 8 bytes (zero-padded) are `w0`.
    @inline(__always)
    static func slotHash(_ p: UnsafePointer<UInt8>, _ n: Int, _ w0: UInt64) -> UInt64 {
        n <= 8 ? mix(w0 ^ (UInt64(truncatingIfNeeded: n) << 59)) : hash(p, n)
    }

    /// The code of a byte string, adding it when new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let w0 = ByteInterner.word(p, min(n, 8))
        let h = ByteInterner.slotHash(p, n, w0)
        var slot = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let s = slots[slot]
            if s.codePlusOne == 0 { break }
            if s.word0 == w0 && s.length == UInt32(n) {
                let code = Int(s.codePlusOne - 1)
                if n <= 8 || memcmp(arena.base + starts.base[code] + 8, p + 8, n - 8) == 0 { return Int32(code) }
            }
            slot = (slot + 1) & slotMask
        }
        let code = Int32(starts.count)
        slots[slot] = Slot(word0: w0, codePlusOne: UInt32(code) + 1, length: UInt32(n))
        starts.append(arena.count)
        lengths.append(Int32(n))
        arena.reserve(n)
        for k in 0..<n { arena.append(p[k]) }
        if starts.count * 2 > slotMask + 1 { rehash() }
        return code
    }

    private mutating func rehash() {
        let old = slots, oldCount = slotMask + 1
        let slotCount = oldCount * 2
        slots = ByteInterner.allocateSlots(slotCount)
        slotMask = slotCount - 1
        for i in 0..<oldCount where old[i].codePlusOne != 0 {
            let s = old[i]
            let code = Int(s.codePlusOne - 1)
            let h = ByteInterner.slotHash(arena.base + starts.base[code], Int(s.length), s.word0)
            var slot = Int(truncatingIfNeeded: h) & slotMask
            while slots[slot].codePlusOne != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = s
        }
        free(old)
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
