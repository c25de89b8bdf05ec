// The teacher PC's identity: a key and a self-signed certificate, made on first run, and the
// fingerprint and short code that students pin and people compare.
#pragma once

#include <string>

namespace ayllu::net {

struct Identity {
    std::string keyFile;     // PEM, readable by the owner only
    std::string certFile;    // PEM
    std::string fingerprint; // hex SHA-256 of the public key (SubjectPublicKeyInfo, DER)
};

// Loads <dir>/teacher-key.pem and <dir>/teacher-cert.pem, creating them when absent: an EC P-256
// key and a certificate valid from 2000 to 2099, so a PC whose clock is years off still works
// (students trust the pinned key, not the dates). Throws ayllu::Error naming the file.
Identity loadOrCreateIdentity(const std::string& dir, const std::string& teacherName = "Ayllu");

// The hex SHA-256 of a certificate's public key (PEM or an OpenSSL X509*).
std::string fingerprintOfPem(const std::string& certPem);
std::string fingerprintOfX509(const void* x509);

// What people compare on both screens at first join: 6 digits in two groups ("482 913"),
// derived from the fingerprint.
std::string shortCode(const std::string& fingerprint);

} // namespace ayllu::net
