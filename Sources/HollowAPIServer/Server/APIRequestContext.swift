import Hummingbird
import HollowResources
import Logging
import NIOCore

/// The per-request context: Hummingbird's core storage plus where the request came from — the channel, from which
/// the TLS layer's client certificate is read, or the user of an in-process request.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection (HTTP/1) or stream (HTTP/2) the request came on; `nil` for an in-process request.
    let channel: (any Channel)?
    /// Who sent an in-process request (``InProcessTransport``): it carries no credentials to check.
    let inProcessUser: UserInfo?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        inProcessUser = nil
    }

    /// The context of a request `user` made in this process.
    init(inProcessUser user: UserInfo, logger: Logger) {
        coreContext = .init(source: InProcessRequestSource(logger: logger))
        channel = nil
        inProcessUser = user
    }

    /// kube-apiserver's request body limit.
    public var maxUploadSize: Int { APIServer.maxRequestBodyBytes }
}

struct InProcessRequestSource: RequestContextSource {
    let logger: Logger
}
