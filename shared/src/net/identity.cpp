#include "ayllu/net/identity.h"

#include "ayllu/i18n.h"
#include "ayllu/problem.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <sys/stat.h>

namespace ayllu::net {

namespace fs = std::filesystem;
using i18n::fmt;

namespace {

template <typename T, void (*F)(T*)>
struct Free {
    void operator()(T* p) const { F(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Free<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Free<BIO, BIO_free_all>>;

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string bioString(BIO* b) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(b, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

void writePrivate(const fs::path& p, const std::string& bytes, mode_t mode) {
    const fs::path tmp = p.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) {
            throw Error(fmt(_("cannot write %1"), p.string()));
        }
    }
    ::chmod(tmp.c_str(), mode);
    std::error_code ec;
    fs::rename(tmp, p, ec);
    if (ec) {
        throw Error(fmt(_("cannot write %1: %2"), p.string(), ec.message()));
    }
}

void setTime(ASN1_TIME* t, const char* generalized) {
    ASN1_TIME_set_string(t, generalized);
}

} // namespace

std::string fingerprintOfX509(const void* x509) {
    auto* cert = static_cast<X509*>(const_cast<void*>(x509));
    unsigned char* der = nullptr;
    const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
    if (len <= 0) {
        return {};
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdLen = 0;
    EVP_Digest(der, static_cast<std::size_t>(len), md, &mdLen, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < mdLen; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

std::string fingerprintOfPem(const std::string& certPem) {
    Bio bio(BIO_new_mem_buf(certPem.data(), static_cast<int>(certPem.size())));
    Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    return cert ? fingerprintOfX509(cert.get()) : std::string();
}

std::string shortCode(const std::string& fingerprint) {
    // The first 40 bits as a number, reduced to 6 digits: enough that a rogue key matching by
    // chance is one in a million, short enough to read across a classroom.
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 10 && i < fingerprint.size(); ++i) {
        const char c = fingerprint[i];
        v = (v << 4) | static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    char buf[16];
    const unsigned n = static_cast<unsigned>(v % 1000000);
    std::snprintf(buf, sizeof buf, "%03u %03u", n / 1000, n % 1000);
    return buf;
}

Identity loadOrCreateIdentity(const std::string& dir, const std::string& teacherName) {
    const fs::path keyFile = fs::path(dir) / "teacher-key.pem";
    const fs::path certFile = fs::path(dir) / "teacher-cert.pem";
    std::error_code ec;
    if (!fs::exists(keyFile, ec) || !fs::exists(certFile, ec)) {
        fs::create_directories(dir, ec);
        if (ec) {
            throw Error(fmt(_("cannot create the data folder %1: %2"), dir, ec.message()));
        }
        PKey key(EVP_EC_gen("P-256"));
        if (!key) {
            throw Error(_("cannot make the teacher's key"));
        }
        Cert cert(X509_new());
        X509_set_version(cert.get(), 2);
        unsigned char serial[16];
        RAND_bytes(serial, sizeof serial);
        serial[0] &= 0x7f;
        BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
        BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
        BN_free(bn);
        // Valid for a century: lab PCs often have a dead clock battery.
        setTime(X509_getm_notBefore(cert.get()), "20000101000000Z");
        setTime(X509_getm_notAfter(cert.get()), "20991231235959Z");
        X509_set_pubkey(cert.get(), key.get());
        X509_NAME* name = X509_get_subject_name(cert.get());
        const std::string cn = "Ayllu: " + teacherName.substr(0, 48);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
        X509_set_issuer_name(cert.get(), name);
        if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
            throw Error(_("cannot sign the teacher's certificate"));
        }
        Bio kb(BIO_new(BIO_s_mem()));
        Bio cb(BIO_new(BIO_s_mem()));
        PEM_write_bio_PrivateKey(kb.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
        PEM_write_bio_X509(cb.get(), cert.get());
        writePrivate(keyFile, bioString(kb.get()), 0600);
        writePrivate(certFile, bioString(cb.get()), 0644);
    }
    Identity id;
    id.keyFile = keyFile.string();
    id.certFile = certFile.string();
    id.fingerprint = fingerprintOfPem(readAll(certFile));
    if (id.fingerprint.empty()) {
        throw Error(fmt(_("%1 is not a valid certificate; move it away to make a new identity"),
                        certFile.string()));
    }
    return id;
}

} // namespace ayllu::net
