import Foundation

/// Hashes files without loading them into memory.
public enum FileHasher {
    /// The SHA-256 of a file's bytes as 64 lowercase hex digits, read in 4 MB chunks.
    ///
    /// - Throws: `FileHashError` naming the file when it cannot be opened or read.
    public static func sha256Hex(path: String) throws -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileHashError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw FileHashError(path: path, reason: "it is a folder, not a file")
        }
        var hasher = SHA256()
        let chunk = 4 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileHashError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.hexDigest()
    }
}

/// A file that could not be read to compute its hash.
public struct FileHashError: UserFacingError, Equatable {
    public var path: String
    public var reason: String
    public var message: String { "cannot read \(path): \(reason)" }
    public var exitCode: Int32 { ExitCode.noInput }
}
