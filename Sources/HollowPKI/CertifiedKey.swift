import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate together with its private key, in every encoding consumers need.
///
/// PEM goes to NIOSSL and kubeconfig; DER to anything that wants bytes. The encodings are computed once, when the
/// value is made, so reading them is free.
public struct CertifiedKey: Sendable {
    /// The parsed certificate.
    public let certificate: Certificate
    /// The certificate's ECDSA P-256 private key.
    public let privateKey: P256.Signing.PrivateKey
    /// The certificate as a PEM `CERTIFICATE` block.
    public let certificatePEM: String
    /// The certificate as DER bytes.
    public let certificateDER: [UInt8]
    /// The private key as a PEM PKCS#8 `PRIVATE KEY` block.
    public let privateKeyPEM: String
    /// The private key as PKCS#8 DER bytes.
    public let privateKeyDER: [UInt8]

    /// Bundles a certificate with its key.
    ///
    /// - Throws: `PKIError` (`isInvalidArgument`) if the key does not belong to the certificate.
    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) throws {
        guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw PKIError.invalidArgument(
                "the private key does not match the certificate for \(certificate.subject)"
            )
        }
        self.certificate = certificate
        self.privateKey = privateKey
        do {
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            self.certificateDER = serializer.serializedBytes
            self.certificatePEM = try certificate.serializeAsPEM().pemString
        } catch {
            throw PKIError.invalidArgument("cannot encode the certificate for \(certificate.subject): \(error)")
        }
        self.privateKeyPEM = privateKey.pemRepresentation
        self.privateKeyDER = Array(privateKey.derRepresentation)
    }

    /// Parses a PEM certificate and PEM key (PKCS#8 or SEC1), naming the files in any error.
    ///
    /// - Throws: `PKIError` (`isCorruptFile`) if either does not parse or the key does not match the certificate.
    init(certificatePEM: String, certificatePath: String, privateKeyPEM: String, privateKeyPath: String) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
        } catch {
            throw PKIError.corruptFile(certificatePath, "not a valid PEM certificate (\(error))")
        }
        let key: P256.Signing.PrivateKey
        do {
            key = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw PKIError.corruptFile(privateKeyPath, "not a valid PEM ECDSA P-256 private key (\(error))")
        }
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
            throw PKIError.corruptFile(
                privateKeyPath,
                "the key does not belong to the certificate in \(certificatePath)"
            )
        }
        try self.init(certificate: certificate, privateKey: key)
    }

    /// Whether the certificate is inside its validity window at `now` with at least `margin` seconds to spare.
    func isValid(at now: Date, margin: TimeInterval = 0) -> Bool {
        certificate.notValidBefore <= now && now.addingTimeInterval(margin) < certificate.notValidAfter
    }
}
