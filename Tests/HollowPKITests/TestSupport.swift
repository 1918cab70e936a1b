import Foundation
import HollowPKI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` with a fresh, empty directory that is removed afterwards.
@discardableResult
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("hollow-pki-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Runs `body` with fresh credentials in a temporary cluster directory.
@discardableResult
func withCredentials<T>(
    addresses: [String] = [],
    _ body: (ClusterDirectory, ClusterCredentials) throws -> T
) throws -> T {
    try withTemporaryDirectory { root throws in
        let directory = ClusterDirectory(path: "\(root)/cluster")
        let credentials = try ClusterCredentials.loadOrCreate(
            directory: directory,
            addresses: addresses,
            clusterName: "test"
        )
        return try body(directory, credentials)
    }
}

/// The permission bits of a file.
func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The result of running a real tool.
struct ToolResult {
    var status: Int32
    var output: String
    var error: String
}

/// Runs `executable` with `arguments`, waiting for it to exit.
func run(_ executable: String, _ arguments: [String]) throws -> ToolResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["KUBECONFIG"] = nil
    process.environment = environment
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read before waiting so a chatty tool cannot block on a full pipe.
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolResult(
        status: process.terminationStatus,
        output: String(decoding: outputData, as: UTF8.self),
        error: String(decoding: errorData, as: UTF8.self)
    )
}

/// The path of a tool if it is installed and executable.
func tool(_ path: String) -> String? {
    FileManager.default.isExecutableFile(atPath: path) ? path : nil
}

/// One year, in seconds.
let year: TimeInterval = 365 * 24 * 60 * 60
