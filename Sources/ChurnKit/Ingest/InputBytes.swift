import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an input file: memory-mapped from disk, or an owned buffer after transcoding.
///
/// Holds the mapping open for as long as it lives; parsing reads `base[0..<count]` directly.
final class InputBytes: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// The bytes are a read-only file mapping (pages can be dropped and re-read from the page cache).
    let isMapped: Bool
    private let release: () -> Void

    private init(base: UnsafePointer<UInt8>, count: Int, isMapped: Bool = false, release: @escaping () -> Void) {
        self.base = base; self.count = count; self.isMapped = isMapped; self.release = release
    }

    deinit { release() }

    /// An owned copy of bytes produced in memory (e.g. transcoded text).
    static func owned(_ pointer: UnsafeMutablePointer<UInt8>, count: Int) -> InputBytes {
        InputBytes(base: UnsafePointer(pointer), count: count, release: { pointer.deallocate() })
    }

    /// Opens and maps a file, with the checks a user needs: it exists, is a regular file and is readable.
    static func map(path: String) throws -> InputBytes {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestError(.missingFile, file: path, detail: "no such file (check the path and the current directory)",
                              exitCode: ExitCode.noInput)
        }
        if isDirectory.boolValue {
            throw IngestError(.notAFile, file: path, detail: "is a directory, not a data file (give the path of a .csv file)",
                              exitCode: ExitCode.noInput)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let why = String(cString: strerror(errno))
            throw IngestError(.unreadable, file: path, detail: "cannot be opened (\(why))", exitCode: ExitCode.noInput)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw IngestError(.unreadable, file: path, detail: "cannot be read", exitCode: ExitCode.noInput)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw IngestError(.notAFile, file: path, detail: "is not a regular file", exitCode: ExitCode.noInput)
        }
        let size = Int(info.st_size)
        if size == 0 {
            let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
            return owned(empty, count: 0)
        }
        guard let raw = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), raw != MAP_FAILED else {
            let why = String(cString: strerror(errno))
            throw IngestError(.unreadable, file: path, detail: "cannot be mapped into memory (\(why))",
                              exitCode: ExitCode.ioError)
        }
        _ = madvise(raw, size, MADV_SEQUENTIAL)
        _ = madvise(raw, size, MADV_WILLNEED)
        let base = raw.assumingMemoryBound(to: UInt8.self)
        return InputBytes(base: UnsafePointer(base), count: size, isMapped: true, release: { munmap(raw, size) })
    }
}
