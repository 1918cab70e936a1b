import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the channel, from which the TLS layer's client
/// certificate is read.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// kube-apiserver's request body limit.
    public var maxUploadSize: Int { APIServer.maxRequestBodyBytes }
}
