import Foundation
import HollowModel
import Testing

@testable import HollowStore

let pods = GroupResource(group: "", resource: "pods")
let machines = GroupResource(group: "machine.openshift.io", resource: "machines")

func podKey(_ name: String, namespace: String = "default") -> StorageKey {
    StorageKey(resource: pods, namespace: namespace, name: name)
}

/// A pod-like object whose index carries its labels and `spec.nodeName`.
func pod(_ name: String, namespace: String = "default", labels: [String: String] = [:], node: String = "")
    -> ObjectWrite
{
    var labelObject = JSONObject()
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) { labelObject[key] = .string(value) }
    let object: JSON = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": .object(labelObject)],
        "spec": ["nodeName": .string(node)],
    ]
    return ObjectWrite(object: object, index: ObjectIndex(labels: labels, fields: ["spec.nodeName": node]))
}

extension StoredObject {
    /// `metadata.resourceVersion` as stored.
    var resourceVersion: String? { (try? decode())?[path: ["metadata", "resourceVersion"]]?.stringValue }
}

extension WatchItem {
    var event: (type: WatchEventType, object: StoredObject)? {
        if case .event(let type, let object) = self { return (type, object) }
        return nil
    }
}

/// A fresh directory for one test's database, removed afterwards.
@discardableResult
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("hollow-store-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

/// Runs `store` (its `run()` in a child task) around `body`, then closes it and waits for `run()` to return.
@discardableResult
func whileRunning<T>(_ store: SQLiteStore, _ body: () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await store.run() }
        // close() before run() has started would close the store instead of stopping it.
        _ = await eventually { store.writes.phase != .idle }
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        await store.close()
        try await group.waitForAll()
        return try result.get()
    }
}

/// Opens a store on a fresh file and runs it around `body`.
@discardableResult
func withRunningStore<T>(
    configuration: SQLiteStore.Configuration = SQLiteStore.Configuration(progressInterval: .seconds(3600)),
    _ body: (SQLiteStore, String) async throws -> T
) async throws -> T {
    try await withTemporaryDirectory { directory in
        let path = directory + "/hollow.db"
        let store = try await SQLiteStore.open(path: path, configuration: configuration)
        return try await whileRunning(store) { try await body(store, path) }
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}

/// Reads items until `isLast` accepts one (included), or the stream ends.
func collect(
    _ stream: AsyncThrowingStream<WatchItem, any Error>, until isLast: (WatchItem) -> Bool
) async throws -> [WatchItem] {
    var items: [WatchItem] = []
    for try await item in stream {
        items.append(item)
        if isLast(item) { break }
    }
    return items
}

/// Reads events (skipping progress notifications) until one at `revision` arrives.
func collectEvents(
    _ stream: AsyncThrowingStream<WatchItem, any Error>, through revision: Int64
) async throws -> [(type: WatchEventType, object: StoredObject)] {
    try await collect(stream) { $0.event.map { $0.object.revision >= revision } ?? false }.compactMap(\.event)
}
