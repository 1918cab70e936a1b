#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One cluster's data directory and the paths of the files in it.
///
/// Creating a `ClusterDirectory` touches nothing on disk; take `lock()` (which creates the directory) before
/// reading or writing anything inside it, and keep the lock for the life of the process.
public struct ClusterDirectory: Sendable, Hashable {
    /// The directory's path, without a trailing slash.
    public let path: String

    /// A directory at an explicit path (for `--data-dir` and tests).
    public init(path: String) {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.path = path
    }

    /// The default directory of the cluster `clusterName`: `~/.hollow/clusters/<clusterName>`.
    ///
    /// - Parameter home: the home directory; defaults to `$HOME`, then the password database.
    /// - Throws: `PKIError` (`isInvalidArgument`) if the name is empty, `.`/`..`, or contains `/`.
    public static func `default`(clusterName: String, home: String? = nil) throws -> ClusterDirectory {
        guard !clusterName.isEmpty, clusterName != ".", clusterName != "..", !clusterName.contains("/") else {
            throw PKIError.invalidArgument(
                "invalid cluster name \"\(clusterName)\": it must be non-empty, not . or .., and contain no \"/\""
            )
        }
        guard let home = home ?? homeDirectory() else {
            throw PKIError.invalidArgument("cannot find the home directory: set $HOME or pass a data directory")
        }
        return ClusterDirectory(path: "\(home)/.hollow/clusters/\(clusterName)")
    }

    /// The cluster CA's certificate (PEM).
    public var caCertificatePath: String { file("ca.crt") }
    /// The cluster CA's private key (PEM, 0600).
    public var caKeyPath: String { file("ca.key") }
    /// The API server's serving certificate (PEM).
    public var apiServerCertificatePath: String { file("apiserver.crt") }
    /// The API server's serving key (PEM, 0600).
    public var apiServerKeyPath: String { file("apiserver.key") }
    /// The admin client certificate (PEM).
    public var adminCertificatePath: String { file("admin.crt") }
    /// The admin client key (PEM, 0600).
    public var adminKeyPath: String { file("admin.key") }
    /// The static bearer-token file, in kube-apiserver's `--token-auth-file` format (0600).
    public var tokensPath: String { file("tokens.csv") }
    /// The admin kubeconfig, rewritten on each start (0600).
    public var kubeconfigPath: String { file("kubeconfig") }
    /// The SQLite database of the store.
    public var stateDatabasePath: String { file("state.db") }
    /// The file `lock()` holds an exclusive `flock` on; it contains the holder's pid.
    public var lockPath: String { file("lock") }
    /// The key service-account tokens are signed with.
    public var serviceAccountKeyPath: String { file("sa.key") }

    /// Creates the directory (and missing parents) if needed, and makes it mode 0700.
    ///
    /// An existing directory is narrowed to 0700 too: it holds private keys.
    public func create() throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/\(component)"
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw PKIError.fileSystem("create directory", prefix, errno: errno)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw PKIError.fileSystem("stat", path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw PKIError.invalidArgument("cluster data directory \(path) exists and is not a directory")
        }
        if (info.st_mode & 0o777) != 0o700 && chmod(path, 0o700) != 0 {
            throw PKIError.fileSystem("chmod", path, errno: errno)
        }
    }

    /// Takes the directory's exclusive lock, without blocking, for as long as the returned `ClusterLock` lives.
    ///
    /// The lock is a `flock` on `lock`, so it is released by the kernel if the process dies. A second attempt —
    /// from another process, or through another `lock()` in this one — throws a `PKIError` (`isDirectoryInUse`)
    /// whose message names the directory and the holder's pid. Creates the directory first if needed.
    public func lock() throws -> ClusterLock {
        try create()
        return try ClusterLock(directory: self)
    }

    private func file(_ name: String) -> String { path == "/" ? "/\(name)" : "\(path)/\(name)" }

    private static func homeDirectory() -> String? {
        if let home = getenv("HOME"), home.pointee != 0 { return String(cString: home) }
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }
}
