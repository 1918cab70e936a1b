// HollowPKI: a cluster's data directory and everything in it that proves identity.
//
// How the target is organised:
// - `ClusterDirectory` names the files of one cluster (`~/.hollow/clusters/<name>` by default) and creates the
//   directory with mode 0700; `ClusterLock` is the `flock` that keeps a second `hollow` process out of it.
// - `ClusterCredentials` loads or creates the cluster CA, the API server's serving certificate and the admin client
//   certificate (ECDSA P-256, PEM files, keys 0600). It re-issues a leaf when it no longer fits (a new address, near
//   expiry, a new CA) and never re-creates the CA behind the user's back. Each certificate and its key is a
//   `CertifiedKey`, which hands out PEM (for NIOSSL and kubeconfig) and DER.
// - `ClientIdentity` checks a presented client certificate against the CA and maps it to a Kubernetes user
//   (CN → user, O → groups), as kube-apiserver's x509 authenticator does.
// - `TokenFile` reads and writes kube-apiserver's static token file (`tokens.csv`) and authenticates bearer tokens.
// - `Kubeconfig` renders kubectl's config file, with client certificates or a bearer token.
// - Every failure is a `PKIError` whose message is fit for a CLI one-liner and names the file involved.
