import HollowModel

/// The string formats kube-openapi's `strfmt` registry checks, by normalized name (dashes removed).
///
/// `date-time`, `date`, `byte`, `duration`, the UUIDs, IP addresses, CIDRs, MACs, hostnames, colours, SSNs and
/// the Kubernetes name formats follow strfmt's rules; `email`, `uri`, `isbn*` and `creditcard` are checked more
/// leniently than Go's parsers (a plausible shape rather than a full grammar).
enum StringFormat {
    static func isValid(_ value: String, format: String) -> Bool {
        switch format {
        case "datetime": isDateTime(value)
        case "date": isDate(value)
        case "byte": isBase64(value)
        case "password": true
        case "uuid", "uuid3", "uuid4", "uuid5": isUUID(value, version: format.last.flatMap { $0.wholeNumberValue })
        case "ipv4": value.contains(".") && SloppyIPAddress.parse(value) != nil
        case "ipv6": value.contains(":") && SloppyIPAddress.parse(value) != nil
        case "cidr": isCIDR(value)
        case "mac": isMAC(value)
        case "hostname": isHostname(value)
        case "email": isEmail(value)
        case "uri": isRequestURI(value)
        case "duration": isDuration(value)
        case "hexcolor": matches(value, #"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"#)
        case "rgbcolor":
            matches(
                value,
                #"^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$"#
            )
        case "ssn": matches(value, #"^\d{3}[- ]?\d{2}[- ]?\d{4}$"#)
        case "bsonobjectid": value.utf8.count == 24 && value.allSatisfy(\.isHexDigit)
        case "isbn": isISBN(value, length: 10) || isISBN(value, length: 13)
        case "isbn10": isISBN(value, length: 10)
        case "isbn13": isISBN(value, length: 13)
        case "creditcard": isCreditCard(value)
        case "k8sshortname": isDNS1123Label(value).isEmpty
        case "k8slongname": isDNS1123Subdomain(value).isEmpty
        default: true
        }
    }

    private static func matches(_ value: String, _ pattern: String) -> Bool {
        if case .success(let compiled) = SchemaPattern.compile(pattern) { return compiled.matches(value) }
        return false
    }

    /// strfmt's `IsDateTime`: a full date, `T` (any case), `hh:mm:ss`, optional fraction, `Z` or an offset.
    static func isDateTime(_ value: String) -> Bool {
        guard value.count >= 4 else { return false }
        let parts = value.lowercased().split(separator: "t", omittingEmptySubsequences: false)
        guard parts.count >= 2, isDate(String(parts[0])) else { return false }
        let time = Array(parts[1].utf8)
        guard time.count >= 9, digits(time, 0, 2), time[2] == UInt8(ascii: ":"), digits(time, 3, 2),
            time[5] == UInt8(ascii: ":"), digits(time, 6, 2)
        else { return false }
        var index = 8
        if index < time.count, time[index] != UInt8(ascii: "z"), time[index] != UInt8(ascii: "+"),
            time[index] != UInt8(ascii: "-")
        {
            // Any one character, then at least one digit (the pattern's unescaped `.`).
            index += 1
            let start = index
            while index < time.count, isDigit(time[index]) { index += 1 }
            guard index > start else { return false }
        }
        let zone = Array(time[index...])
        let validZone =
            zone == [UInt8(ascii: "z")]
            || (zone.count == 6 && (zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-")) && digits(zone, 1, 2)
                && zone[3] == UInt8(ascii: ":") && digits(zone, 4, 2))
        guard validZone else { return false }
        let text = String(decoding: time, as: UTF8.self)
        return text.prefix(2) <= "23" && text.dropFirst(3).prefix(2) <= "59" && text.dropFirst(6).prefix(2) <= "59"
    }

    /// Go's `time.Parse("2006-01-02", …)`.
    static func isDate(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 10, digits(bytes, 0, 4), bytes[4] == UInt8(ascii: "-"), digits(bytes, 5, 2),
            bytes[7] == UInt8(ascii: "-"), digits(bytes, 8, 2)
        else { return false }
        let year = number(bytes, 0, 4)
        let month = number(bytes, 5, 2)
        let day = number(bytes, 8, 2)
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// govalidator's `IsBase64`: standard alphabet, padded, at least one quantum.
    static func isBase64(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return false }
        let padding = bytes.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return false }
        return bytes.dropLast(padding).allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                true
            default: false
            }
        }
    }

    private static func isUUID(_ value: String, version: Int?) -> Bool {
        let hex = value.replacing("-", with: "")
        guard hex.utf8.count == 32, hex.allSatisfy(\.isHexDigit) else { return false }
        // Dashes are optional but only at their canonical places.
        let groups = value.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        guard groups == [32] || groups == [8, 4, 4, 4, 12] || isPartialDashing(value) else { return false }
        guard let version, version != 0 else { return true }
        let characters = Array(hex.lowercased())
        guard characters[12] == Character(String(version)) else { return false }
        return version == 3 || "89ab".contains(characters[16])
    }

    /// Each of the four dashes of a UUID may be left out on its own (`-?` in strfmt's pattern).
    private static func isPartialDashing(_ value: String) -> Bool {
        var offsets: [Int] = []
        var hexCount = 0
        for character in value {
            if character == "-" { offsets.append(hexCount) } else { hexCount += 1 }
        }
        return offsets.allSatisfy { [8, 12, 16, 20].contains($0) } && Set(offsets).count == offsets.count
    }

    private static func isCIDR(_ value: String) -> Bool {
        let parts = value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let address = SloppyIPAddress.parse(String(parts[0])),
            let prefix = Int(parts[1]), parts[1].allSatisfy(\.isNumber)
        else { return false }
        return prefix >= 0 && prefix <= (address.isIPv4 ? 32 : 128)
    }

    /// Go's `net.ParseMAC`: 6, 8 or 20 octets separated by `:` or `-`, or dotted groups of four hex digits.
    private static func isMAC(_ value: String) -> Bool {
        for separator in [":", "-"] where value.contains(separator) {
            let groups = value.split(separator: Character(separator), omittingEmptySubsequences: false)
            return [6, 8, 20].contains(groups.count)
                && groups.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isHexDigit) }
        }
        let groups = value.split(separator: ".", omittingEmptySubsequences: false)
        return [3, 4, 10].contains(groups.count) && groups.allSatisfy { $0.count == 4 && $0.allSatisfy(\.isHexDigit) }
    }

    private static let hostnamePattern =
        #"^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$"#

    private static func isHostname(_ value: String) -> Bool {
        guard value.utf8.count <= 255, matches(value, hostnamePattern) else { return false }
        return value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 63 }
    }

    private static func isEmail(_ value: String) -> Bool {
        let address: Substring
        if let open = value.lastIndex(of: "<"), value.hasSuffix(">") {
            address = value[value.index(after: open)..<value.index(before: value.endIndex)]
        } else {
            address = Substring(value)
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !address.contains(" ")
    }

    /// `url.ParseRequestURI`: an absolute URI (`scheme:…`) or an absolute path, without spaces or controls.
    private static func isRequestURI(_ value: String) -> Bool {
        guard !value.isEmpty, !value.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else {
            return false
        }
        if value.hasPrefix("/") { return true }
        return matches(value, #"^[A-Za-z][A-Za-z0-9+.\-]*:"#)
    }

    /// strfmt's `ParseDuration`: Go's `time.ParseDuration`, or number–unit pairs (`3 days`, `1h30m`, `2w`).
    static func isDuration(_ value: String) -> Bool {
        if isGoDuration(value) { return true }
        let units: [[String]] = [
            ["ns", "nano"], ["us", "µs", "micro"], ["ms", "milli"], ["s", "sec"], ["m", "min"], ["h", "hr", "hour"],
            ["d", "day"], ["w", "wk", "week"],
        ]
        let pairs = value.matches(of: #/(\d+)\s*([A-Za-zµ]+)/#)
        return pairs.contains { pair in
            let unit = pair.output.2.lowercased()
            return units.contains { variants in
                variants.enumerated().contains { index, variant in
                    (index == variants.count - 1 && unit.hasPrefix(variant)) || unit == variant
                }
            }
        }
    }

    /// Go's `time.ParseDuration` grammar: `[-+]?(\d*(\.\d*)?unit)+` or `0`.
    static func isGoDuration(_ value: String) -> Bool {
        var rest = Substring(value)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if rest == "0" { return true }
        guard !rest.isEmpty else { return false }
        let units = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(whole.count)
            var fraction: Substring = ""
            if rest.first == "." {
                rest = rest.dropFirst()
                fraction = rest.prefix { $0.isASCII && $0.isNumber }
                rest = rest.dropFirst(fraction.count)
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return false }
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard units.contains(String(unit)) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }

    private static func isISBN(_ value: String, length: Int) -> Bool {
        let characters = Array(value.filter { $0 != "-" && $0 != " " })
        guard characters.count == length else { return false }
        if length == 10 {
            var sum = 0
            for (index, character) in characters.enumerated() {
                if index == 9, character == "X" {
                    sum += 10 * 10
                    continue
                }
                guard let digit = character.wholeNumberValue, character.isASCII else { return false }
                sum += digit * (index + 1)
            }
            return sum % 11 == 0
        }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let digit = character.wholeNumberValue, character.isASCII else { return false }
            sum += digit * (index % 2 == 0 ? 1 : 3)
        }
        return sum % 10 == 0
    }

    /// The Luhn checksum over the digits, other characters ignored.
    private static func isCreditCard(_ value: String) -> Bool {
        let digits = value.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard (12...19).contains(digits.count) else { return false }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            let doubled = index % 2 == 1 ? digit * 2 : digit
            sum += doubled > 9 ? doubled - 9 : doubled
        }
        return sum % 10 == 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Bool {
        start + count <= bytes.count && bytes[start..<(start + count)].allSatisfy(isDigit)
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int {
        bytes[start..<(start + count)].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}

/// Go's `net.ParseIP` as `ParseIPSloppy` relaxes it (IPv4 octets may have leading zeros).
struct SloppyIPAddress {
    var isIPv4: Bool

    static func parse(_ text: String) -> SloppyIPAddress? {
        if isIPv4(Substring(text)) { return SloppyIPAddress(isIPv4: true) }
        return isIPv6(text) ? SloppyIPAddress(isIPv4: false) : nil
    }

    private static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4
            && octets.allSatisfy { octet in
                !octet.isEmpty && octet.count <= 3 && octet.allSatisfy { $0.isASCII && $0.isNumber }
                    && Int(octet)! <= 255
            }
    }

    private static func isIPv6(_ text: String) -> Bool {
        var body = Substring(text)
        var groupsAvailable = 8
        // A trailing dotted quad stands for the last two groups.
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard isIPv4(body[body.index(after: lastColon)...]) else { return false }
            body = body[...lastColon]
            if !body.hasSuffix("::") { body = body.dropLast() }
            groupsAvailable = 6
        }
        let halves: [String]
        if let gap = body.firstRange(of: "::") {
            let after = body[gap.upperBound...]
            guard after.firstRange(of: "::") == nil else { return false }
            halves = [String(body[..<gap.lowerBound]), String(after)]
        } else {
            halves = [String(body)]
        }
        func groups(_ part: String) -> [Substring]? {
            if part.isEmpty { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            return pieces.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }) ? pieces : nil
        }
        guard let head = groups(halves[0]) else { return false }
        if halves.count == 1 { return head.count == groupsAvailable }
        guard let tail = groups(halves[1]) else { return false }
        return head.count + tail.count < groupsAvailable
    }
}
