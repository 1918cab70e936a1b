import HollowModel
import HollowRuntime
import Logging
import Synchronization

extension Logger {
    /// A logger that drops everything (tests never bootstrap the logging system).
    static let quiet = Logger(label: "hollow.runtime.tests", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// Values that code under test yields and the test awaits in order: the tests' synchronisation, instead of sleeping.
/// The test reads them through one iterator: `var events = probe.events()`, then `await events.next(3)`.
final class Probe<Element: Sendable>: Sendable {
    let stream: AsyncStream<Element>
    private let continuation: AsyncStream<Element>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Element.self)
    }

    func yield(_ element: Element) { continuation.yield(element) }
    func finish() { continuation.finish() }
    func events() -> AsyncStream<Element>.Iterator { stream.makeAsyncIterator() }
}

extension AsyncStream.Iterator {
    /// The next `count` values (fewer only if the stream ends).
    mutating func next(_ count: Int) async -> [Element] {
        var values: [Element] = []
        while values.count < count, let value = await next() { values.append(value) }
        return values
    }
}

/// A one-shot gate: tasks `wait()` until the test `open()`s it.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if isOpen { continuation.resume() }
        }
    }
}

/// Suspends until the task is cancelled (a leader's body that just holds on), without sleeping.
func holdUntilCancelled() async {
    let (stream, _) = AsyncStream.makeStream(of: Never.self)
    for await _ in stream {}
}

func pod(_ name: String, namespace: String = "default", resourceVersion: String, node: String? = nil) -> Pod {
    var metadata: JSONObject = [
        "name": .string(name), "namespace": .string(namespace), "resourceVersion": .string(resourceVersion),
    ]
    metadata["uid"] = .string("uid-\(namespace)-\(name)")
    var object: JSON = ["apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata)]
    if let node { object[path: ["spec", "nodeName"]] = .string(node) }
    return Pod(object)
}

/// A `Mutex` in a box, so escaping closures and child tasks can share it.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try mutex.withLock { value in try body(&value) }
    }

    var value: Value { mutex.withLock { $0 } }
}
