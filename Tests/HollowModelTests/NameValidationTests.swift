import Testing

@testable import HollowModel

/// Cases re-expressed from apimachinery's `pkg/api/validate/content` and `pkg/util/validation` tests.
@Suite struct NameValidationTests {
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        + "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + #"'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#
    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        + "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    @Test(arguments: [
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2",
        String(repeating: "a", count: 63),
    ])
    func validDNS1123Labels(value: String) {
        #expect(isDNS1123Label(value).isEmpty)
    }

    @Test(arguments: [
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
        "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2",
        String(repeating: "a", count: 64), "é", "a\n",
    ])
    func invalidDNS1123Labels(value: String) {
        #expect(!isDNS1123Label(value).isEmpty)
    }

    @Test func dnsLabelMessages() {
        #expect(isDNS1123Label("a_b") == [Self.labelMessage])
        #expect(isDNS1123Label("a.b") == ["must not contain dots"])
        #expect(isDNS1123Label(String(repeating: "a", count: 64)) == ["must be no more than 63 bytes"])
        #expect(isDNS1123Label(String(repeating: "a", count: 63) + "-") == ["must be no more than 63 bytes", Self.labelMessage])
    }

    @Test(arguments: [
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a.a", "ab.a",
        "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1", "0.a",
        "01.a", "012.a", "1a.a", "1-a.a", "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1", "a.b.c.d.e",
        "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55", String(repeating: "a", count: 253),
    ])
    func validDNS1123Subdomains(value: String) {
        #expect(isDNS1123Subdomain(value).isEmpty)
    }

    @Test(arguments: [
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
        "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "A.a", "aB.a",
        "ab.A", "A1.a", "a1.A", "A.1", "aB.1", "A1.1", "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A", "A.B.C.D.E",
        "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee", "a@b", "a,b", "a;b", "a:b", "a%b", "a?b", "a$b",
        String(repeating: "a", count: 254),
    ])
    func invalidDNS1123Subdomains(value: String) {
        #expect(!isDNS1123Subdomain(value).isEmpty)
    }

    @Test func dnsSubdomainMessages() {
        #expect(isDNS1123Subdomain("Example.com") == [Self.subdomainMessage])
        #expect(isDNS1123Subdomain(String(repeating: "a", count: 254)) == ["must be no more than 253 bytes"])
    }

    @Test(arguments: ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", String(repeating: "a", count: 63)])
    func validDNS1035Labels(value: String) {
        #expect(isDNS1035Label(value).isEmpty)
    }

    @Test(arguments: ["0", "01", "012", "1a", "1-a", "1--a--b--2", "", "A", "a-", "-a", "a.b", "a_b", String(repeating: "a", count: 64)])
    func invalidDNS1035Labels(value: String) {
        #expect(!isDNS1035Label(value).isEmpty)
    }

    @Test func dns1035LabelMessage() {
        #expect(
            isDNS1035Label("1a") == [
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
                    + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used "
                    + "for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
            ])
    }

    @Test(arguments: [
        "simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple", "1-num.2-num/3-num",
        "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123", "requests.storage-foo",
        String(repeating: "a", count: 63), String(repeating: "a", count: 253) + "/" + String(repeating: "b", count: 63),
    ])
    func validQualifiedNames(value: String) {
        #expect(isQualifiedName(value).isEmpty)
    }

    @Test(arguments: [
        "nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash", "Example.com/abc",
        "example_com/abc", "example.com/", "/simple", String(repeating: "a", count: 64),
        String(repeating: "a", count: 254) + "/abc", "",
    ])
    func invalidQualifiedNames(value: String) {
        #expect(!isQualifiedName(value).isEmpty)
    }

    @Test func qualifiedNameMessages() {
        let nameRule =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
            + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        #expect(isQualifiedName("a b") == ["name part " + nameRule])
        #expect(isQualifiedName("") == ["name part must be non-empty", "name part " + nameRule])
        #expect(isQualifiedName("/simple") == ["prefix part must be non-empty"])
        #expect(isQualifiedName("example.com/") == ["name part must be non-empty", "name part " + nameRule])
        #expect(isQualifiedName("Example.com/abc") == ["prefix part " + Self.subdomainMessage])
        #expect(isQualifiedName(String(repeating: "a", count: 64)) == ["name part must be no more than 63 bytes"])
        #expect(isQualifiedName("only/one/slash") == ["a valid label key " + nameRule + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"])
    }

    @Test(arguments: ["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", String(repeating: "a", count: 63), "", "A_b.C"])
    func validLabelValues(value: String) {
        #expect(isValidLabelValue(value).isEmpty)
    }

    @Test(arguments: [
        "nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", #"\backslashes\are\bad"#, "-starts-with-dash",
        "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", String(repeating: "a", count: 64),
    ])
    func invalidLabelValues(value: String) {
        #expect(!isValidLabelValue(value).isEmpty)
    }

    @Test func labelValueMessages() {
        #expect(isValidLabelValue(String(repeating: "a", count: 64)) == ["must be no more than 63 bytes"])
        #expect(
            isValidLabelValue("-") == [
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
                    + "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
                    + "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
            ])
    }

    @Test(arguments: [
        ("abc-", "aba"), ("a-", "a"), ("-", "-"), ("a", "a"), ("ab", "ab"),
    ])
    func generateNamePrefixesMaskTheTrailingDash(name: String, masked: String) {
        #expect(NameValidator.maskTrailingDash(name) == masked)
    }

    @Test func nameValidatorsAllowATrailingDashOnlyForPrefixes() {
        #expect(NameValidator.dnsSubdomain("web-", prefix: true).isEmpty)
        #expect(!NameValidator.dnsSubdomain("web-", prefix: false).isEmpty)
        #expect(NameValidator.dnsLabel("ns-", prefix: true).isEmpty)
        #expect(!NameValidator.dnsLabel("a.b", prefix: false).isEmpty)
        #expect(NameValidator.dns1035Label("svc-", prefix: true).isEmpty)
        #expect(!NameValidator.dns1035Label("1svc", prefix: false).isEmpty)
    }
}
