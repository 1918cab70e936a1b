/// Hands each hollow node a slot: its InternalIP and its podCIDR follow from the slot number, so the same slot
/// always means the same addresses, and reading the addresses of existing nodes gives back their slots (how a
/// restarted pool, or a second pool, avoids handing out what is taken).
///
/// Slot `i` gets InternalIP `10.<i/254/256 % 64>.<i/254 % 256>.<i % 254 + 1>` (in 10.0.0.0/10, 254 per /24) and
/// podCIDR `10.<64 + i/256>.<i % 256>.0/24` (in 10.64.0.0/10 and up: 49,152 nodes). The lowest free slot is
/// handed out first.
struct HollowAddressAllocator: Sendable {
    static let capacity = 192 * 256

    private var slots: [String: Int] = [:]
    private var used: Set<Int> = []
    /// No free slot below this.
    private var lowestFree = 0

    /// The slot `name` holds.
    func slot(of name: String) -> Int? { slots[name] }

    /// Records that `name` holds `slot` (read from its addresses).
    mutating func claim(_ name: String, slot: Int) {
        if let old = slots[name], old != slot { release(name) }
        slots[name] = slot
        used.insert(slot)
    }

    /// The slot of `name`, allocating the lowest free one; `nil` when all are taken.
    mutating func allocate(_ name: String) -> Int? {
        if let slot = slots[name] { return slot }
        var candidate = lowestFree
        while used.contains(candidate) { candidate += 1 }
        guard candidate < Self.capacity else { return nil }
        lowestFree = candidate + 1
        claim(name, slot: candidate)
        return candidate
    }

    mutating func release(_ name: String) {
        guard let slot = slots.removeValue(forKey: name) else { return }
        // Another node may claim the same slot (two pools racing); keep it used while anyone holds it.
        if !slots.values.contains(slot) {
            used.remove(slot)
            lowestFree = min(lowestFree, slot)
        }
    }

    static func internalIP(slot: Int) -> String {
        let block = slot / 254
        return "10.\(block / 256 % 64).\(block % 256).\(slot % 254 + 1)"
    }

    static func podCIDR(slot: Int) -> String {
        "10.\(64 + slot / 256).\(slot % 256).0/24"
    }

    /// The slot whose InternalIP is `address`, if it is one.
    static func slot(internalIP address: String) -> Int? {
        guard let ip = IPv4(address) else { return nil }
        let (a, b, c, d) = (ip.value >> 24, (ip.value >> 16) & 0xff, (ip.value >> 8) & 0xff, ip.value & 0xff)
        guard a == 10, b < 64, (1...254).contains(d) else { return nil }
        let slot = (Int(b) * 256 + Int(c)) * 254 + Int(d) - 1
        return slot < capacity ? slot : nil
    }

    /// The slot whose podCIDR is `cidr`, if it is one.
    static func slot(podCIDR cidr: String) -> Int? {
        guard let block = IPv4CIDR(cidr), block.prefixLength == 24 else { return nil }
        let (a, b, c) = (block.base.value >> 24, (block.base.value >> 16) & 0xff, (block.base.value >> 8) & 0xff)
        guard a == 10, b >= 64 else { return nil }
        return (Int(b) - 64) * 256 + Int(c)
    }
}

/// The pod IPs of one node: host addresses of its podCIDR (`.1` up, never the network or broadcast address),
/// lowest free first.
struct HollowPodIPAllocator: Sendable {
    let cidr: IPv4CIDR
    private var used: Set<UInt32> = []
    private var lowestFree: UInt32 = 1

    init?(podCIDR: String) {
        guard let cidr = IPv4CIDR(podCIDR), cidr.prefixLength <= 30 else { return nil }
        self.cidr = cidr
    }

    /// The highest host offset handed out (65,534 at most).
    var lastOffset: UInt32 { UInt32(min(UInt64(1) << UInt64(32 - cidr.prefixLength), 65_536) - 2) }

    mutating func allocate() -> String? {
        var offset = lowestFree
        while used.contains(offset) { offset += 1 }
        guard offset <= lastOffset else { return nil }
        used.insert(offset)
        lowestFree = offset + 1
        return IPv4(value: cidr.base.value + offset).description
    }

    /// Marks `address` used when it is in the range (a pod that already has it).
    mutating func claim(_ address: String) {
        guard let offset = offset(of: address) else { return }
        used.insert(offset)
    }

    mutating func release(_ address: String) {
        guard let offset = offset(of: address), used.remove(offset) != nil else { return }
        lowestFree = min(lowestFree, offset)
    }

    private func offset(of address: String) -> UInt32? {
        guard let ip = IPv4(address), cidr.contains(ip) else { return nil }
        let offset = ip.value - cidr.base.value
        return (1...lastOffset).contains(offset) ? offset : nil
    }
}

struct IPv4: Sendable, Hashable, CustomStringConvertible {
    var value: UInt32

    init(value: UInt32) { self.value = value }

    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        self.value = value
    }

    var description: String { "\(value >> 24).\((value >> 16) & 0xff).\((value >> 8) & 0xff).\(value & 0xff)" }
}

struct IPv4CIDR: Sendable, Hashable {
    var base: IPv4
    var prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let ip = IPv4(String(parts[0])), let length = Int(parts[1]), (0...32).contains(length)
        else { return nil }
        let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << UInt32(32 - length)
        base = IPv4(value: ip.value & mask)
        prefixLength = length
    }

    func contains(_ ip: IPv4) -> Bool {
        let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefixLength)
        return ip.value & mask == base.value
    }
}
