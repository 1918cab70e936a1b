import HollowRuntime
import Testing

@Suite struct RateLimiterTests {
    @Test(arguments: [
        (0, Duration.milliseconds(5)), (1, .milliseconds(10)), (2, .milliseconds(20)), (10, .milliseconds(5120)),
        (17, .milliseconds(655_360)), (18, .seconds(1000)), (200, .seconds(1000)), (5000, .seconds(1000)),
    ])
    func exponentialBackoffDoublesUpToTheCap(failures: Int, expected: Duration) {
        var limiter = ItemExponentialFailureRateLimiter<String>(baseDelay: .milliseconds(5), maxDelay: .seconds(1000))
        for _ in 0..<failures { _ = limiter.when("a", now: .zero) }
        #expect(limiter.when("a", now: .zero) == expected)
        #expect(limiter.numRequeues("a") == failures + 1)
    }

    @Test func exponentialBackoffIsPerItemAndForgetResetsIt() {
        var limiter = ItemExponentialFailureRateLimiter<String>(baseDelay: .milliseconds(5), maxDelay: .seconds(1000))
        #expect(limiter.when("a", now: .zero) == .milliseconds(5))
        #expect(limiter.when("a", now: .zero) == .milliseconds(10))
        #expect(limiter.when("b", now: .zero) == .milliseconds(5))
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
        #expect(limiter.when("a", now: .zero) == .milliseconds(5))
        #expect(limiter.numRequeues("b") == 1)
    }

    @Test func tokenBucketAllowsTheBurstThenSpacesRequestsAtTheRate() {
        var bucket = BucketRateLimiter<Int>(qps: 10, burst: 100)
        for item in 0..<100 { #expect(bucket.when(item, now: .zero) == .zero) }
        #expect(bucket.when(100, now: .zero) == .milliseconds(100))
        #expect(bucket.when(101, now: .zero) == .milliseconds(200))
        // A second later ten tokens have come back, paying off the debt of two and leaving eight.
        for item in 0..<8 { #expect(bucket.when(item, now: .seconds(1)) == .zero) }
        #expect(bucket.when(8, now: .seconds(1)) == .milliseconds(100))
        #expect(bucket.numRequeues(8) == 0)
    }

    @Test func tokenBucketRefillsNoFurtherThanTheBurst() {
        var bucket = BucketRateLimiter<Int>(qps: 10, burst: 2)
        #expect(bucket.when(0, now: .zero) == .zero)
        #expect(bucket.when(0, now: .zero) == .zero)
        #expect(bucket.when(0, now: .seconds(3600)) == .zero)
        #expect(bucket.when(0, now: .seconds(3600)) == .zero)
        #expect(bucket.when(0, now: .seconds(3600)) == .milliseconds(100))
    }

    @Test func theControllerDefaultIsTheSlowerOfBackoffAndBucket() {
        var limiter = MaxOfRateLimiter<Int>.defaultController
        // The first hundred distinct failures fit the burst: each waits its own 5 ms backoff.
        for item in 0..<100 { #expect(limiter.when(item, now: .zero) == .milliseconds(5)) }
        // Then the bucket's 10 qps dominates.
        #expect(limiter.when(100, now: .zero) == .milliseconds(100))
        // And a key that has failed often enough waits its own, longer backoff.
        for _ in 0..<14 { _ = limiter.when(7, now: .seconds(100)) }
        #expect(limiter.when(7, now: .seconds(200)) == .milliseconds(5 << 15))
        #expect(limiter.numRequeues(7) == 16)
        limiter.forget(7)
        #expect(limiter.numRequeues(7) == 0)
    }
}
