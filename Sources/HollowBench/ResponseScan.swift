import Foundation
import NIOCore

/// The few values the benchmark reads from responses, found by scanning bytes rather than parsing JSON: the client
/// shares the machine's cores with the server, and a full parse of every response (or of 100,000 watch events a
/// second) would take CPU time from the server being measured.
///
/// The scans rely on the fixtures: the benchmark's objects contain `"resourceVersion":"` and `"name":"` only in
/// their metadata.
enum ResponseScan {
    private static let resourceVersionKey = Array(#""resourceVersion":""#.utf8)
    private static let nameKey = Array(#""name":""#.utf8)

    /// The object's `metadata.resourceVersion`.
    static func resourceVersion(in buffer: ByteBuffer) -> String? {
        buffer.withUnsafeReadableBytes { bytes in
            stringValue(after: resourceVersionKey, in: bytes).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// A watch event line, `{"type":"…","object":{…}}`, of an object named `<prefix><number>`.
    struct WatchEvent {
        enum Kind { case added, modified, deleted, bookmark, error, other }
        var kind: Kind
        /// The number in the object's name, when it has the prefix.
        var sequence: Int?
    }

    private static let typeKey = Array(#"{"type":""#.utf8)

    static func watchEvent(_ line: UnsafeRawBufferPointer, namePrefix: [UInt8]) -> WatchEvent? {
        guard line.count > typeKey.count + 1, line.starts(with: typeKey) else { return nil }
        let kind: WatchEvent.Kind
        switch line[typeKey.count] {
        case UInt8(ascii: "A"): kind = .added
        case UInt8(ascii: "M"): kind = .modified
        case UInt8(ascii: "D"): kind = .deleted
        case UInt8(ascii: "B"): kind = .bookmark
        case UInt8(ascii: "E"): kind = .error
        default: kind = .other
        }
        guard let name = stringValue(after: nameKey, in: line), name.starts(with: namePrefix) else {
            return WatchEvent(kind: kind, sequence: nil)
        }
        var number = 0
        for digit in name.dropFirst(namePrefix.count) {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return WatchEvent(kind: kind, sequence: nil) }
            number = number * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return WatchEvent(kind: kind, sequence: number)
    }

    /// The bytes of the JSON string that follows the first occurrence of `key` (which ends with the opening quote).
    private static func stringValue(after key: [UInt8], in bytes: UnsafeRawBufferPointer) -> Slice<UnsafeRawBufferPointer>? {
        guard let found = offset(of: key, in: bytes, from: 0) else { return nil }
        let start = found + key.count
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return bytes[start..<end]
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `start` (memchr for the first
    /// byte, then a comparison; glibc's memmem is not visible to Swift).
    static func offset(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress else { return nil }
        var position = start
        while haystack.count - position >= needle.count {
            guard let hit = memchr(base + position, Int32(first), haystack.count - position - needle.count + 1) else {
                return nil
            }
            let candidate = base.distance(to: UnsafeRawPointer(hit))
            let matches = needle.withUnsafeBytes { memcmp(base + candidate, $0.baseAddress!, needle.count) == 0 }
            if matches { return candidate }
            position = candidate + 1
        }
        return nil
    }
}

/// Splits a byte stream into newline-terminated lines, across chunk boundaries.
struct LineSplitter {
    private var partial: [UInt8] = []

    /// Calls `line` for every line that `chunk` completes (without its newline).
    mutating func feed(_ chunk: ByteBuffer, _ line: (UnsafeRawBufferPointer) -> Void) {
        chunk.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count, let newline = memchr(base + start, 0x0A, bytes.count - start) {
                let end = base.distance(to: UnsafeRawPointer(newline))
                if partial.isEmpty {
                    line(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                } else {
                    partial.append(contentsOf: bytes[start..<end])
                    partial.withUnsafeBytes(line)
                    partial.removeAll(keepingCapacity: true)
                }
                start = end + 1
            }
            if start < bytes.count { partial.append(contentsOf: bytes[start...]) }
        }
    }
}
