// HollowStore: revision-based object storage for the API server, and the watch fan-out.
//
// The contract
//   ObjectStore.swift        the `ObjectStore` protocol and its values (keys, filters, pages, watch items, errors).
//
// The SQLite store: durable in SQLite, served from memory
//   SQLiteStore.swift        the `Service`: configuration, reads, write entry points, run()/close().
//   SQLiteStore+Schema.swift the database layout, open() and the cold-start load.
//   SQLiteStore+Writes.swift the writer loop: group commit of everything queued, one transaction per batch.
//   WriteQueue.swift         where callers leave writes for the writer (phases: idle, running, draining, closed).
//   WritePlanner.swift       pure precondition checks for a batch, revision assignment, resourceVersion stamping.
//
// Memory: what reads and watches see
//   ObjectCache.swift        objects + revision + watch cache behind one lock; apply() publishes a commit.
//   ResourceObjects.swift    one resource's objects by name, with key-ordered paging.
//   SortedKeys.swift         the (namespace, name) order as a chunked sorted array.
//   WatchCache.swift         per-resource event rings, watcher registry, filter translation and fan-out.
//
// Dependencies flow downwards in each list; nothing in memory knows about SQLite, so a later etcd-backed store
// can reuse ObjectCache and WatchCache as they are.
