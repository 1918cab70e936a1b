#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// An exclusive lock on a cluster data directory, held until `release()` or deinit.
///
/// Backed by `flock(LOCK_EX | LOCK_NB)` on `<dir>/lock` through a file descriptor of its own (close-on-exec, so
/// child processes such as kubectl do not inherit it). `flock` locks belong to an open file description, so a
/// second `ClusterLock` on the same directory fails even inside the same process. The holder's pid is written into
/// the file so the error for the next process can name it.
public final class ClusterLock: Sendable {
    /// The directory this lock protects.
    public let directory: ClusterDirectory
    private let descriptor: Mutex<Int32?>

    init(directory: ClusterDirectory) throws {
        let path = directory.lockPath
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw PKIError.fileSystem("open lock file", path, errno: errno) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            let holder = Self.readPID(fd)
            close(fd)
            if code == EWOULDBLOCK || code == EAGAIN {
                let who = holder.map { " (pid \($0))" } ?? ""
                throw PKIError.directoryInUse(
                    "cluster data directory \(directory.path) is in use by another hollow process\(who)"
                )
            }
            throw PKIError.fileSystem("lock", path, errno: code)
        }
        // Only the lock holder writes, so truncating and writing cannot race with another writer.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.directory = directory
        self.descriptor = Mutex(fd)
    }

    /// Whether this object still holds the lock.
    public var isHeld: Bool { descriptor.withLock { $0 != nil } }

    /// Releases the lock; later calls do nothing.
    public func release() {
        let fd: Int32? = descriptor.withLock { fd in
            defer { fd = nil }
            return fd
        }
        guard let fd else { return }
        // Clear the pid first so a stale pid never outlives the lock.
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    deinit {
        release()
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return Int32(String(text.prefix { $0.isASCII && $0.isNumber }))
    }
}
