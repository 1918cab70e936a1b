import HollowModel

/// The query of a list or watch (`metav1.ListOptions`).
public struct ListOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Page size; `nil` asks for everything at once (``ResourceClient/list(namespace:options:)`` pages anyway).
    public var limit: Int?
    public var continueToken: String?
    /// For a list: `""` (or nil) reads the latest state, `"0"` anything the server has cached. For a watch: the
    /// revision after which events are wanted.
    public var resourceVersion: String?
    public var resourceVersionMatch: String?
    public var timeoutSeconds: Int?
    public var allowWatchBookmarks: Bool
    public var sendInitialEvents: Bool?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil, resourceVersionMatch: String? = nil, timeoutSeconds: Int? = nil,
        allowWatchBookmarks: Bool = false, sendInitialEvents: Bool? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
        self.allowWatchBookmarks = allowWatchBookmarks
        self.sendInitialEvents = sendInitialEvents
    }

    /// Query items in a stable order (`watch=true` is added by the watch call itself).
    public var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { items.append(("fieldSelector", fieldSelector)) }
        if let limit { items.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { items.append(("continue", continueToken)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { items.append(("resourceVersionMatch", resourceVersionMatch)) }
        if let timeoutSeconds { items.append(("timeoutSeconds", String(timeoutSeconds))) }
        if allowWatchBookmarks { items.append(("allowWatchBookmarks", "true")) }
        if let sendInitialEvents { items.append(("sendInitialEvents", sendInitialEvents ? "true" : "false")) }
        return items
    }
}

/// One list response, or all pages of one joined.
public struct ObjectList<Object: KubernetesObject>: Sendable {
    public var items: [Object]
    /// The list's `metadata.resourceVersion`: a watch from here sees every later change.
    public var resourceVersion: String
    /// `metadata.continue`, when more pages follow.
    public var continueToken: String?

    public init(items: [Object], resourceVersion: String, continueToken: String? = nil) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }
}

/// One event of a watch.
public struct WatchEvent<Object: KubernetesObject>: Sendable {
    public enum EventType: String, Sendable, Hashable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
    }

    public var type: EventType
    /// The object as of the event; for a bookmark only `metadata.resourceVersion` (and annotations) are set.
    public var object: Object

    public init(type: EventType, object: Object) {
        self.type = type
        self.object = object
    }

    /// A bookmark carrying `k8s.io/initial-events-end: "true"` (the end of `sendInitialEvents`).
    public var isInitialEventsEnd: Bool {
        type == .bookmark && object.metadata.annotations["k8s.io/initial-events-end"] == "true"
    }
}
