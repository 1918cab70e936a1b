import Foundation
import HollowModel
import HollowTesting
import Testing

/// `hollow up` as a process: stopping, restarting, crashing and refusing a second start on one data directory.
/// Each test starts its own server(s) on its own data directory.
struct LifecycleTests {
    @Test func readyLineNamesTheURLAndKubeconfig() async throws {
        let directory = try TemporaryDirectory.make(prefix: "hollow-e2e-ready")
        let server = try await HollowServer.start(dataDirectory: directory)
        let termination = try await server.stop()
        let ready = try #require(ReadyLine(server.process.stdout))
        #expect(ready.clusterName == "default")
        #expect(ready.url == "https://127.0.0.1:\(server.port)")
        #expect(server.port > 0)
        #expect(ready.kubeconfigPath == "\(directory)/kubeconfig")
        #expect(server.process.stdoutLines.count == 1, "one line on stdout: \(server.process.stdout)")
        #expect(termination == .exited(0), "SIGTERM stops hollow up cleanly: \(server.process.stderr)")
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func restartKeepsObjectsAndResourceVersionsIncrease() async throws {
        let directory = try TemporaryDirectory.make(prefix: "hollow-e2e-restart")
        let kubectl = Kubectl.v1_33
        let first = try await HollowServer.start(dataDirectory: directory)
        let before: JSON
        do {
            try await first.kubectlOK(
                kubectl,
                ["apply", "-f", first.writeFile("keep.yaml", Manifests.configMap("keep", data: ["k": "v"]) + "---\n" + Manifests.node("kept-node"))])
            before = try JSON(parsing: try await first.kubectlOK(kubectl, ["get", "cm", "keep", "-o", "json"]))
        } catch {
            await first.process.stop()
            throw error
        }
        let termination = try await first.stop()
        #expect(termination == .exited(0), "\(first.process.stderr)")

        try await HollowServer.with(dataDirectory: directory) { second in
            let after = try JSON(parsing: try await second.kubectlOK(kubectl, ["get", "cm", "keep", "-o", "json"]))
            #expect(after[path: ["metadata", "uid"]] == before[path: ["metadata", "uid"]])
            #expect(after[path: ["metadata", "resourceVersion"]] == before[path: ["metadata", "resourceVersion"]])
            #expect(after[path: ["metadata", "creationTimestamp"]] == before[path: ["metadata", "creationTimestamp"]])
            #expect(after["data"] == ["k": "v"])
            let nodes = try await second.kubectlOK(kubectl, ["get", "nodes", "-o", "name"])
            #expect(Columns.lines(nodes).contains("node/kept-node"))
            let namespaces = try await second.kubectlOK(kubectl, ["get", "namespaces", "-o", "name"])
            #expect(Columns.lines(namespaces).filter { $0 == "namespace/default" }.count == 1)

            let oldRV = try #require(before[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int($0) })
            try await second.kubectlOK(kubectl, ["patch", "cm", "keep", "--type", "merge", "-p", #"{"data":{"k":"v2"}}"#])
            let patched = try JSON(parsing: try await second.kubectlOK(kubectl, ["get", "cm", "keep", "-o", "json"]))
            let patchedRV = try #require(patched[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int($0) })
            #expect(patchedRV > oldRV)
            try await second.kubectlOK(kubectl, ["apply", "-f", second.writeFile("new.yaml", Manifests.configMap("new"))])
            let created = try JSON(parsing: try await second.kubectlOK(kubectl, ["get", "cm", "new", "-o", "json"]))
            let createdRV = try #require(created[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int($0) })
            #expect(createdRV > patchedRV)
            let list = try JSON(parsing: try await second.kubectlOK(kubectl, ["get", "--raw", "/api/v1/configmaps"]))
            let listRV = try #require(list[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int($0) })
            #expect(listRV >= createdRV)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func killNineRightAfterCreateKeepsTheObject() async throws {
        let directory = try TemporaryDirectory.make(prefix: "hollow-e2e-kill")
        let kubectl = Kubectl.v1_33
        let first = try await HollowServer.start(dataDirectory: directory)
        let created: ProcessOutput
        do {
            let file = try first.writeFile("crash.yaml", Manifests.configMap("survivor", data: ["durable": "yes"]))
            created = try await first.kubectl(kubectl, ["create", "-f", file, "-o", "json"])
        } catch {
            await first.process.stop()
            throw error
        }
        first.process.signal(SIGKILL)
        let termination = try await first.process.waitForExit(timeout: .seconds(10))
        #expect(termination == .signalled(SIGKILL))
        try #require(created.status == 0, "\(created.stderr)")
        let createdObject = try JSON(parsing: created.stdout)

        try await HollowServer.with(dataDirectory: directory) { second in
            let output = try await second.kubectl(kubectl, ["get", "cm", "survivor", "-o", "json"])
            #expect(output.status == 0, "the object whose create returned 201 survives kill -9: \(output.stderr)")
            let object = try JSON(parsing: output.stdout)
            #expect(object[path: ["metadata", "uid"]] == createdObject[path: ["metadata", "uid"]])
            #expect(object[path: ["metadata", "resourceVersion"]] == createdObject[path: ["metadata", "resourceVersion"]])
            #expect(object["data"] == ["durable": "yes"])
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func secondUpOnTheSameDataDirectoryFails() async throws {
        try await HollowServer.with { first in
            let second = try await ProcessRunner.run(
                try HollowServer.binaryPath, ["up", "--port", "0", "--data-dir", first.dataDirectory], timeout: .seconds(30))
            #expect(second.status != 0)
            #expect(second.stdout.isEmpty, "no ready line: \(second.stdout)")
            let message = second.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!message.isEmpty)
            #expect(!message.contains("\n"), "a one-line message, got: \(message)")
            #expect(message.contains(first.dataDirectory), "the message names the directory: \(message)")

            // The first keeps serving.
            #expect(first.process.isRunning)
            let namespaces = try await first.kubectlOK(.v1_33, ["get", "namespaces", "-o", "name"])
            #expect(Columns.lines(namespaces).contains("namespace/default"))
        }
    }

    @Test func sigtermEndsOpenWatchesAndExitsPromptly() async throws {
        let directory = try TemporaryDirectory.make(prefix: "hollow-e2e-sigterm")
        let server = try await HollowServer.start(dataDirectory: directory)
        let kubectl = Kubectl.v1_33
        let watch: BackgroundProcess
        do {
            watch = try BackgroundProcess(
                kubectl.path, server.kubectlArguments(kubectl) + ["get", "cm", "-A", "-w", "-v=6"])
            try await eventually(timeout: .seconds(20), "the watch to be established") {
                watch.stderr.split(separator: "\n").contains { $0.contains("watch=true") && $0.contains("200 OK") }
                    || !watch.isRunning
            }
        } catch {
            await server.process.stop(timeout: .seconds(5))
            throw error
        }
        defer { watch.signal(SIGKILL) }
        // kube-apiserver closes watches on shutdown; hollow up must not wait for their timeouts (30+ minutes).
        let start = ContinuousClock.now
        server.process.terminate()
        let termination = try? await server.process.waitForExit(timeout: .seconds(10))
        #expect(termination == .exited(0), "hollow up did not exit within 10 s of SIGTERM with a watch open")
        #expect(ContinuousClock.now - start < .seconds(10))
        try await eventually(timeout: .seconds(10), "kubectl's watch to end") { !watch.isRunning }
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func sigtermAfterAnHTTP1WatchClientLeftExitsPromptly() async throws {
        let directory = try TemporaryDirectory.make(prefix: "hollow-e2e-left")
        let server = try await HollowServer.start(dataDirectory: directory)
        do {
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("cm.yaml", Manifests.configMap("seen"))])
            let token = try #require(
                try String(contentsOfFile: "\(directory)/tokens.csv", encoding: .utf8)
                    .split(separator: "\n").first { $0.contains("hollow-admin") }?.split(separator: ",").first)
            // An HTTP/1.1 watch that gets its first event; then the client goes away without a word.
            let client = try BackgroundProcess(
                "/usr/bin/curl",
                [
                    "--http1.1", "-sN", "--cacert", "\(directory)/ca.crt", "-H", "Authorization: Bearer \(token)",
                    "\(server.url)/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=600",
                ])
            try await eventually(timeout: .seconds(10), "the first event") { client.stdout.contains("ADDED") }
            client.signal(SIGKILL)
            try await client.waitForExit(timeout: .seconds(5))
        } catch {
            await server.process.stop(timeout: .seconds(5))
            throw error
        }
        server.process.terminate()
        let termination = try? await server.process.waitForExit(timeout: .seconds(10))
        #expect(
            termination == .exited(0),
            "hollow up still held the departed client's watch 10 s after SIGTERM (it lives until timeoutSeconds)")
        try? FileManager.default.removeItem(atPath: directory)
    }
}
