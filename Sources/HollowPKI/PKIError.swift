import Foundation

/// The error every HollowPKI operation throws: a message fit for a one-line CLI report, naming the file involved.
///
/// Match on the predicates (`isDirectoryInUse`, `isCorruptFile`, …) rather than on the message text.
public struct PKIError: Error, Sendable, CustomStringConvertible, LocalizedError {
    private enum Code: Sendable {
        case directoryInUse
        case corruptFile
        case fileSystem
        case invalidTokenFile
        case invalidArgument
        case certificateIssuance
    }

    private let code: Code

    /// A human-readable description of what went wrong, including the path of the file involved, if any.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }

    /// The cluster data directory is locked by another `hollow` process (or another lock in this process).
    public var isDirectoryInUse: Bool { code == .directoryInUse }
    /// A certificate or key file exists but cannot be parsed, or does not fit its counterpart.
    public var isCorruptFile: Bool { code == .corruptFile }
    /// A file-system call failed (permissions, missing parent, disk full, …).
    public var isFileSystemError: Bool { code == .fileSystem }
    /// `tokens.csv` has a malformed line; the message names the line number.
    public var isInvalidTokenFile: Bool { code == .invalidTokenFile }
    /// A caller-supplied value (cluster name, address, common name, …) is not acceptable.
    public var isInvalidArgument: Bool { code == .invalidArgument }

    static func directoryInUse(_ message: String) -> PKIError { PKIError(.directoryInUse, message) }
    static func corruptFile(_ path: String, _ reason: String) -> PKIError {
        PKIError(.corruptFile, "\(path): \(reason)")
    }
    static func fileSystem(_ operation: String, _ path: String, errno code: Int32) -> PKIError {
        PKIError(.fileSystem, "cannot \(operation) \(path): \(String(cString: strerror(code)))")
    }
    static func invalidTokenFile(_ path: String, line: Int, _ reason: String) -> PKIError {
        PKIError(.invalidTokenFile, "\(path):\(line): \(reason)")
    }
    static func invalidArgument(_ message: String) -> PKIError { PKIError(.invalidArgument, message) }
    static func certificateIssuance(_ what: String, _ underlying: any Error) -> PKIError {
        PKIError(.certificateIssuance, "cannot issue \(what): \(underlying)")
    }
}
