import HollowClient
import HollowModel
import HollowRuntime
import Synchronization

/// A stand-in for the client's list+watch: each call of `updates` makes a new stream and hands its continuation to
/// the test, which then plays the server (a `.replace`, watch events, a failure, a relist).
final class UpdateSource<Object: KubernetesObject>: Sendable {
    typealias Continuation = AsyncThrowingStream<ResourceUpdate<Object>, any Error>.Continuation

    let updates: Informer<Object>.Updates
    private let made: Probe<Continuation>
    private let calls: Locked<Int>

    init() {
        let made = Probe<Continuation>()
        let calls = Locked(0)
        self.made = made
        self.calls = calls
        updates = {
            calls.withLock { $0 += 1 }
            let (stream, continuation) = AsyncThrowingStream.makeStream(of: ResourceUpdate<Object>.self)
            made.yield(continuation)
            return stream
        }
    }

    /// The streams the informer asks for, in order.
    func streams() -> AsyncStream<Continuation>.Iterator { made.events() }

    var callCount: Int { calls.value }
}

/// A `ListWatcher` for the factory, counting the list+watch streams it is asked for.
final class CountingListWatcher: ListWatcher {
    let requests = Mutex<[String]>([])

    func listAndWatch<Object: KubernetesObject>(
        _ type: Object.Type, resource: APIResource, namespace: String?, options: ListOptions
    ) -> any AsyncSequence<ResourceUpdate<Object>, any Error> {
        requests.withLock { $0.append("\(resource) \(namespace ?? "*") \(options.labelSelector ?? "")") }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ResourceUpdate<Object>.self)
        continuation.yield(.replace([], resourceVersion: "1"))
        return stream
    }
}
