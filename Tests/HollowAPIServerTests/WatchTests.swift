import Foundation
import HollowModel
import HollowPKI
import HollowTesting
import Testing

/// WATCH: initial events, resuming, expiry, bookmarks, watch-list and timeouts.
struct WatchTests {
    /// `(type, name)` of each event.
    static func summary(_ events: [JSON]) -> [[String]] {
        events.map { [$0["type"]?.stringValue ?? "?", $0["object"]?.name ?? "?"] }
    }

    @Test func resourceVersionZeroStartsWithAddedEventsForWhatExists() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("w0")
            let path = "/api/v1/namespaces/w0/configmaps"
            try await client.create(path, Objects.configMap("one"))
            try await client.create(path, Objects.configMap("two"))
            try await client.withStream("\(path)?watch=true&resourceVersion=0") { stream in
                try await eventually("two initial events") { stream.lines.count >= 2 }
                #expect(stream.status == 200)
                #expect(stream.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
                #expect(Self.summary(try stream.events()).sorted { $0[1] < $1[1] } == [["ADDED", "one"], ["ADDED", "two"]])
                try await client.create(path, Objects.configMap("three"))
                try await eventually("the live event") { stream.lines.count >= 3 }
                #expect(Self.summary(try stream.events()).last == ["ADDED", "three"])
                let object = try #require(try stream.events().last?["object"])
                #expect(object["kind"] == "ConfigMap")
                #expect(object["apiVersion"] == "v1")
            }
        }
    }

    @Test func resumingFromAResourceVersionDeliversExactlyTheLaterEvents() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("resume")
            let path = "/api/v1/namespaces/resume/configmaps"
            let a = try await client.create(path, Objects.configMap("a", data: ["v": "1"]))
            let start = try #require(a.resourceVersion)
            let patched = try await client.request(
                .PATCH, "\(path)/a", headers: [("Content-Type", "application/merge-patch+json")], text: #"{"data":{"v":"2"}}"#)
            #expect(patched.status == 200)
            try await client.create(path, Objects.configMap("b"))
            #expect(try await client.request(.DELETE, "\(path)/a").status == 200)
            // Another namespace's change is not this watch's business.
            try await client.create("/api/v1/namespaces/default/configmaps", Objects.configMap("elsewhere"))

            try await client.withStream("\(path)?watch=true&resourceVersion=\(start)") { stream in
                try await eventually("the three later events") { stream.lines.count >= 3 }
                // A marker written now must be the very next event: nothing else was queued.
                try await client.create(path, Objects.configMap("marker"))
                try await eventually("the marker") { stream.lines.count >= 4 }
                let events = try stream.events()
                #expect(Self.summary(events) == [["MODIFIED", "a"], ["ADDED", "b"], ["DELETED", "a"], ["ADDED", "marker"]])
                #expect(events.first?["object"]?[path: ["data", "v"]] == "2")
                let versions = events.compactMap { $0["object"]?.resourceVersion }
                #expect(versions.count == 4)
                #expect(versions == versions.sorted())
                #expect(versions.allSatisfy { $0 > start })
            }
        }
    }

    @Test func tooOldResourceVersionIsAnExpiredErrorEvent() async throws {
        let directory = ClusterDirectory(path: try TemporaryDirectory.make(prefix: "hollow-expired"))
        let oldRV = try await TestCluster.run(directory: directory) { cluster in
            try await cluster.withClient { client in
                let first = try await client.create("/api/v1/namespaces/default/configmaps", Objects.configMap("old"))
                for index in 0..<3 {
                    try await client.create("/api/v1/namespaces/default/configmaps", Objects.configMap("later-\(index)"))
                }
                return try #require(first.resourceVersion)
            }
        }
        // After a restart the server keeps no history from before it started.
        try await TestCluster.run(directory: directory) { cluster in
            try await cluster.withClient { client in
                try await client.withStream("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=\(oldRV)") {
                    stream in
                    try await eventually("the ERROR event") { !stream.lines.isEmpty }
                    #expect(stream.status == 200)
                    let event = try #require(try stream.events().first)
                    #expect(event["type"] == "ERROR")
                    let status = try #require(event["object"])
                    #expect(status["kind"] == "Status")
                    #expect(status["status"] == "Failure")
                    #expect(status["reason"] == "Expired")
                    #expect(status["code"] == 410)
                    #expect(status["message"]?.stringValue?.hasPrefix("too old resource version: \(oldRV)") == true, "\(status)")
                    try await eventually("the stream to end after the error") { stream.ended }
                }
                // A list still works, and a watch from its resourceVersion is accepted.
                let list = try await client.getJSON("/api/v1/namespaces/default/configmaps")
                let listRV = try #require(list.resourceVersion)
                try await client.withStream("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=\(listRV)") { stream in
                    try await client.create("/api/v1/namespaces/default/configmaps", Objects.configMap("fresh"))
                    try await eventually("the new event") { !stream.lines.isEmpty }
                    #expect(Self.summary(try stream.events()) == [["ADDED", "fresh"]])
                }
            }
        }
        try? FileManager.default.removeItem(atPath: directory.path)
    }

    @Test func bookmarksOnlyWhenAskedFor() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("marks")
            let path = "/api/v1/namespaces/marks/configmaps"
            let rv = try #require(try await client.getJSON(path).resourceVersion)
            // kube-apiserver sends a bookmark 2 s before a watch's deadline (cacher's nextBookmarkTime).
            try await client.withStream("\(path)?watch=true&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion=\(rv)") { stream in
                try await eventually(timeout: .seconds(15), "the stream to end") { stream.ended }
                let events = try stream.events()
                #expect(events.contains { $0["type"] == "BOOKMARK" }, "a bookmark before the timeout: \(stream.lines)")
                for bookmark in events where bookmark["type"] == "BOOKMARK" {
                    let object = try #require(bookmark["object"])
                    #expect(object["kind"] == "ConfigMap")
                    #expect(object["apiVersion"] == "v1")
                    #expect((object.resourceVersion ?? 0) >= rv)
                }
            }
            try await client.withStream("\(path)?watch=true&timeoutSeconds=3&resourceVersion=\(rv)") { stream in
                try await eventually(timeout: .seconds(15), "the stream to end") { stream.ended }
                #expect(try stream.events().allSatisfy { $0["type"] != "BOOKMARK" }, "\(stream.lines)")
            }
        }
    }

    @Test func sendInitialEventsEndsWithTheInitialEventsEndBookmark() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("watchlist")
            let path = "/api/v1/namespaces/watchlist/configmaps"
            var highest = 0
            for name in ["x", "y", "z"] {
                highest = try await client.create(path, Objects.configMap(name)).resourceVersion ?? 0
            }
            let url = "\(path)?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true"
            try await client.withStream(url) { stream in
                try await eventually("three ADDED events and the bookmark") { stream.lines.count >= 4 }
                let events = try stream.events()
                #expect(Self.summary(Array(events.prefix(3))).sorted { $0[1] < $1[1] } == [["ADDED", "x"], ["ADDED", "y"], ["ADDED", "z"]])
                let bookmark = events[3]
                #expect(bookmark["type"] == "BOOKMARK")
                #expect(bookmark["object"]?[path: ["metadata", "annotations", "k8s.io/initial-events-end"]] == "true")
                #expect((bookmark["object"]?.resourceVersion ?? 0) >= highest)
                try await client.create(path, Objects.configMap("after"))
                try await eventually("the live event") { stream.lines.count >= 5 }
                #expect(Self.summary(try stream.events()).last == ["ADDED", "after"])
            }

            // sendInitialEvents without the required companions is refused.
            let refused = try await client.request(.GET, "\(path)?watch=true&sendInitialEvents=true")
            try expectStatus(refused, code: 422, reason: "Invalid")
        }
    }

    @Test func timeoutSecondsEndsTheStream() async throws {
        try await withCluster { _, client in
            let start = ContinuousClock.now
            try await client.withStream("/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1") { stream in
                try await eventually(timeout: .seconds(10), "the stream to end") { stream.ended }
                #expect(stream.status == 200)
                #expect(stream.error == nil, "a clean end, not a transport error: \(stream.error ?? "")")
            }
            #expect(ContinuousClock.now - start < .seconds(8))
        }
    }

    @Test func watchOfOneObjectByName() async throws {
        try await withCluster { _, client in
            let path = "/api/v1/namespaces/default/configmaps"
            try await client.create(path, Objects.configMap("watched"))
            try await client.create(path, Objects.configMap("ignored"))
            try await client.withStream("\(path)?watch=true&fieldSelector=\(query("metadata.name=watched"))") { stream in
                try await eventually("the initial event") { stream.lines.count >= 1 }
                let patch = try await client.request(
                    .PATCH, "\(path)/ignored", headers: [("Content-Type", "application/merge-patch+json")], text: #"{"data":{"a":"b"}}"#)
                #expect(patch.status == 200)
                #expect(try await client.request(.DELETE, "\(path)/watched").status == 200)
                try await eventually("the deletion") { stream.lines.count >= 2 }
                #expect(Self.summary(try stream.events()) == [["ADDED", "watched"], ["DELETED", "watched"]])
            }
        }
    }

    @Test func watchWithALabelSelectorSeesObjectsEnterAndLeaveTheSelection() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("selected")
            let path = "/api/v1/namespaces/selected/configmaps"
            try await client.create(path, Objects.configMap("moving", labels: ["team": "blue"]))
            let rv = try #require(try await client.getJSON(path).resourceVersion)
            @discardableResult
            func relabel(_ team: String) async throws -> Int? {
                let response = try await client.request(
                    .PATCH, "\(path)/moving", headers: [("Content-Type", "application/merge-patch+json")],
                    text: #"{"metadata":{"labels":{"team":"\#(team)"}}}"#)
                #expect(response.status == 200, "\(response)")
                return try response.json().resourceVersion
            }
            try await client.withStream("\(path)?watch=true&resourceVersion=\(rv)&labelSelector=\(query("team=red"))") { stream in
                // Like kube-apiserver's cacher: entering the selection is ADDED, leaving it is DELETED.
                try await relabel("red")
                try await eventually("the object to enter the selection") { stream.lines.count >= 1 }
                try await client.create(path, Objects.configMap("other", labels: ["team": "green"]))
                let leftAt = try await relabel("green")
                try await eventually("the object to leave the selection") { stream.lines.count >= 2 }
                let events = try stream.events()
                #expect(Self.summary(events) == [["ADDED", "moving"], ["DELETED", "moving"]])
                // The DELETED event carries the last state that matched, stamped with the change's resourceVersion.
                let deleted = events.last?["object"]
                #expect(deleted?[path: ["metadata", "labels", "team"]] == "red")
                #expect(deleted?.resourceVersion == leftAt)
            }
        }
    }
}
