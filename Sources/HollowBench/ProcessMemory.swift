import Foundation

/// This process's memory as the kernel reports it in `/proc/self/status`.
///
/// The benchmark's server and clients share the process, so these figures include the clients; the report shows
/// the resident size before objects are created as well, so the difference can be attributed to the objects.
enum ProcessMemory {
    /// Resident set size (VmRSS) in bytes; nil where `/proc` is not available.
    static func residentBytes() -> Int? { statusField("VmRSS") }

    /// Peak resident set size (VmHWM) in bytes; nil where `/proc` is not available.
    static func peakResidentBytes() -> Int? { statusField("VmHWM") }

    /// Resident bytes after returning freed heap pages to the system, so that the figure counts what is live.
    static func trimmedResidentBytes() -> Int? {
        #if os(Linux)
        _ = hollow_malloc_trim(0)
        #endif
        return residentBytes()
    }

    private static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            // "VmRSS:\t  123456 kB"
            let fields = line.dropFirst(name.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let kilobytes = fields.first.flatMap({ Int($0) }) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (in <malloc.h>, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func hollow_malloc_trim(_ pad: Int) -> Int32
#endif
