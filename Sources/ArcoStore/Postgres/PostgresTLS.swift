import NIOSSL
import PostgresNIO

/// The TLS settings for each `sslmode`, as close to libpq's as PostgresNIO allows.
///
/// - `disable`: no TLS.
/// - `allow`, `prefer`: TLS when the server offers it, plain otherwise, without verifying the
///   certificate (libpq does not verify in these modes either). libpq's `allow` tries plain first;
///   here it tries TLS first, like `prefer`.
/// - `require`: TLS or fail, without verifying the certificate (libpq's behaviour without a root
///   certificate file).
/// - `verify-ca`: TLS with the chain checked against the system's trust roots, any host name.
/// - `verify-full`: also the host name.
///
/// Not supported yet: `sslrootcert`, client certificates, CRLs. Unix sockets never use TLS, as
/// in libpq.
enum PostgresTLS {
    static func configuration(for mode: PostgresLocation.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .allow, .prefer: return .prefer(try unverified.get())
        case .require: return .require(try unverified.get())
        case .verifyCA: return .require(try chainVerified.get())
        case .verifyFull: return .require(try fullyVerified.get())
        }
    }

    // Contexts are built once per process: building one (loading the trust roots) costs
    // milliseconds, and they are safe to share between connections.
    private static let unverified = Result { try context(.none) }
    private static let chainVerified = Result { try context(.noHostnameVerification) }
    private static let fullyVerified = Result { try context(.fullVerification) }

    private static func context(_ verification: CertificateVerification) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verification
        return try NIOSSLContext(configuration: configuration)
    }
}
