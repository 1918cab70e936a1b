/// Runs `body` on each of `items` with at most `width` calls in flight, and returns their results in the order the
/// calls finished: the controllers' bounded fan-out of writes (a node lifecycle pass, a health check's deletions).
func mapConcurrently<Item: Sendable, Output: Sendable>(
    _ items: [Item], width: Int, _ body: @escaping @Sendable (Item) async -> Output
) async -> [Output] {
    await withTaskGroup(of: Output.self) { group in
        var outputs: [Output] = []
        outputs.reserveCapacity(items.count)
        var inFlight = 0
        for item in items {
            if inFlight >= max(1, width), let output = await group.next() {
                outputs.append(output)
                inFlight -= 1
            }
            group.addTask { await body(item) }
            inFlight += 1
        }
        for await output in group { outputs.append(output) }
        return outputs
    }
}
