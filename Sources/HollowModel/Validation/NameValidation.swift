// apimachinery's name and label checks (`pkg/util/validation`, `pkg/api/validate/content`), written as byte scans
// instead of regular expressions. Each returns the list of messages apimachinery gives, empty when the value is
// valid, so callers can wrap them into `FieldError`s exactly as kube-apiserver does. Lengths are in UTF-8 bytes, as
// Go's `len` counts them.

/// Longest DNS-1123 label (and DNS-1035 label, label value, qualified-name name part).
public let dns1123LabelMaximumLength = 63
/// Longest DNS-1123 subdomain.
public let dns1123SubdomainMaximumLength = 253

private let dns1123LabelPattern = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
private let dns1123SubdomainPattern = dns1123LabelPattern + "(\\." + dns1123LabelPattern + ")*"
private let dns1035LabelPattern = "[a-z]([-a-z0-9]*[a-z0-9])?"
private let qualifiedNamePattern = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
private let labelValuePattern = "(" + qualifiedNamePattern + ")?"

private let dns1123LabelMessage =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
    + "with an alphanumeric character"
private let dns1123SubdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
    + "and end with an alphanumeric character"
private let dns1035LabelMessage =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
    + "character, and end with an alphanumeric character"
private let qualifiedNameMessage =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
private let labelValueMessage =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
    + "and end with an alphanumeric character"

/// `content.MaxLenError`.
func maximumLengthMessage(_ length: Int) -> String { "must be no more than \(length) bytes" }

/// `content.RegexError`, including Go's doubled space between examples (`'a',  or 'b'`).
func regexMessage(_ message: String, pattern: String, examples: [String]) -> String {
    if examples.isEmpty { return message + " (regex used for validation is '" + pattern + "')" }
    var text = message + " (e.g. "
    for (index, example) in examples.enumerated() {
        if index > 0 { text += " or " }
        text += "'" + example + "', "
    }
    return text + "regex used for validation is '" + pattern + "')"
}

// MARK: - Public checks

/// `validation.IsDNS1123Label`: at most 63 bytes of `[a-z0-9-]`, starting and ending alphanumeric.
public func isDNS1123Label(_ value: String) -> [String] {
    var errors: [String] = []
    if value.utf8.count > dns1123LabelMaximumLength { errors.append(maximumLengthMessage(dns1123LabelMaximumLength)) }
    if !NameShape.isDNS1123Label(value.utf8) {
        if NameShape.isDNS1123Subdomain(value.utf8) {
            // A valid subdomain but not a label: the length is already reported, so it must be the dots.
            errors.append("must not contain dots")
        } else {
            errors.append(
                regexMessage(dns1123LabelMessage, pattern: dns1123LabelPattern, examples: ["my-name", "123-abc"]))
        }
    }
    return errors
}

/// `validation.IsDNS1123Subdomain`: at most 253 bytes of dot-separated DNS-1123 labels.
public func isDNS1123Subdomain(_ value: String) -> [String] {
    var errors: [String] = []
    if value.utf8.count > dns1123SubdomainMaximumLength {
        errors.append(maximumLengthMessage(dns1123SubdomainMaximumLength))
    }
    if !NameShape.isDNS1123Subdomain(value.utf8) {
        errors.append(
            regexMessage(dns1123SubdomainMessage, pattern: dns1123SubdomainPattern, examples: ["example.com"]))
    }
    return errors
}

/// `validation.IsDNS1035Label`: like a DNS-1123 label but starting with a letter (service names).
public func isDNS1035Label(_ value: String) -> [String] {
    var errors: [String] = []
    if value.utf8.count > dns1123LabelMaximumLength { errors.append(maximumLengthMessage(dns1123LabelMaximumLength)) }
    if !NameShape.isDNS1035Label(value.utf8) {
        errors.append(regexMessage(dns1035LabelMessage, pattern: dns1035LabelPattern, examples: ["my-name", "abc-123"]))
    }
    return errors
}

/// `validation.IsQualifiedName` (a label key): an optional DNS-subdomain prefix and `/`, then a name of at most 63
/// bytes matching `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
public func isQualifiedName(_ value: String) -> [String] {
    var errors: [String] = []
    let parts = value.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    let name: Substring.UTF8View
    switch parts.count {
    case 1:
        name = parts[0]
    case 2:
        let prefix = parts[0]
        name = parts[1]
        if prefix.isEmpty {
            errors.append("prefix part must be non-empty")
        } else {
            errors += isDNS1123Subdomain(String(Substring(prefix))).map { "prefix part " + $0 }
        }
    default:
        return [
            "a valid label key "
                + regexMessage(qualifiedNameMessage, pattern: qualifiedNamePattern, examples: ["MyName", "my.name", "123-abc"])
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    }
    if name.isEmpty {
        errors.append("name part must be non-empty")
    } else if name.count > dns1123LabelMaximumLength {
        errors.append("name part " + maximumLengthMessage(dns1123LabelMaximumLength))
    }
    if !NameShape.isQualifiedNamePart(name) {
        errors.append(
            "name part "
                + regexMessage(qualifiedNameMessage, pattern: qualifiedNamePattern, examples: ["MyName", "my.name", "123-abc"]))
    }
    return errors
}

/// `validation.IsValidLabelValue`: empty, or at most 63 bytes shaped like a qualified name's name part.
public func isValidLabelValue(_ value: String) -> [String] {
    var errors: [String] = []
    if value.utf8.count > dns1123LabelMaximumLength { errors.append(maximumLengthMessage(dns1123LabelMaximumLength)) }
    if !value.isEmpty && !NameShape.isQualifiedNamePart(value.utf8) {
        errors.append(regexMessage(labelValueMessage, pattern: labelValuePattern, examples: ["MyValue", "my_value", "12345"]))
    }
    return errors
}

// MARK: - Character scans

/// The regular expressions above as byte scans. They check shape only; callers check length.
enum NameShape {
    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    static func isDNS1123Label<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// DNS-1123 labels joined by single dots.
    static func isDNS1123Subdomain<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> Bool {
        guard !bytes.isEmpty else { return false }
        return bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy {
            isDNS1123Label($0)
        }
    }

    /// `[a-z]([-a-z0-9]*[a-z0-9])?`
    static func isDNS1035Label<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> Bool {
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return isDNS1123Label(bytes)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    static func isQualifiedNamePart<C: BidirectionalCollection<UInt8>>(_ bytes: C) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }
}
