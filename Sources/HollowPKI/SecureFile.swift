#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small POSIX file helpers with the permissions and atomicity credentials need.
enum SecureFile {
    /// File mode for private keys, tokens and kubeconfigs.
    static let privateMode: mode_t = 0o600
    /// File mode for certificates.
    static let publicMode: mode_t = 0o644

    /// Reads a whole file as UTF-8 text, or returns nil if it does not exist.
    static func readTextIfPresent(_ path: String) throws -> String? {
        guard let bytes = try readIfPresent(path) else { return nil }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PKIError.corruptFile(path, "not UTF-8 text")
        }
        return text
    }

    /// Reads a whole file, or returns nil if it does not exist.
    static func readIfPresent(_ path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw PKIError.fileSystem("open", path, errno: errno)
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw PKIError.fileSystem("read", path, errno: errno)
            }
            if count == 0 { return result }
            result.append(contentsOf: buffer[0..<count])
        }
    }

    /// Replaces `path` with `contents` atomically (temp file, fsync, rename), created with exactly `mode`.
    ///
    /// Readers see either the old file or the new one, never a truncated mix, so a crash mid-write cannot
    /// leave a half-written key behind.
    static func write(_ contents: some StringProtocol, to path: String, mode: mode_t) throws {
        try write(Array(contents.utf8), to: path, mode: mode)
    }

    /// Byte-oriented form of `write(_:to:mode:)`.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 { throw PKIError.fileSystem("create", temporary, errno: errno) }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            // The umask may have narrowed `mode`; certificates should still be world-readable, keys never more.
            if fchmod(fd, mode) != 0 { throw PKIError.fileSystem("chmod", temporary, errno: errno) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { raw in
                    posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PKIError.fileSystem("write", temporary, errno: errno)
                }
                offset += written
            }
            if fsync(fd) != 0 { throw PKIError.fileSystem("sync", temporary, errno: errno) }
        }
        if rename(temporary, path) != 0 { throw PKIError.fileSystem("rename \(temporary) to", path, errno: errno) }
        succeeded = true
    }
}

/// `write(2)`, named so it does not clash with `SecureFile.write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    Musl.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}
