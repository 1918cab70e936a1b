import HollowModel

/// What a long-running list+watch of one resource delivers (client-go's reflector feeding a DeltaFIFO).
///
/// The sequence starts with a `.replace` holding the full list, then carries the watch's changes. When the watch
/// cannot be resumed (410 Expired, a server restart that lost the revision), another `.replace` with a fresh list
/// follows: a consumer replaces its whole state with it, and deletes what is no longer there.
public enum ResourceUpdate<Object: KubernetesObject>: Sendable {
    /// The complete current state as of `resourceVersion`.
    case replace([Object], resourceVersion: String)
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// A bookmark: nothing changed up to `resourceVersion`.
    case bookmark(resourceVersion: String)
}
