#define BOOST_TEST_MODULE net
#include "ayllu/net/channel.h"
#include "ayllu/net/discovery.h"
#include "ayllu/net/identity.h"
#include "support.h"

#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <boost/test/unit_test.hpp>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <thread>

using namespace ayllu;
using namespace ayllu::net;
using namespace ayllu::test;
using Poco::Net::SocketAddress;

BOOST_AUTO_TEST_CASE(the_teacher_identity_is_made_once_and_kept) {
    TempDir tmp;
    const Identity a = loadOrCreateIdentity(tmp.str(), "Profesora Rosa");
    BOOST_TEST(a.fingerprint.size() == 64u);
    const Identity again = loadOrCreateIdentity(tmp.str());
    BOOST_TEST(again.fingerprint == a.fingerprint);
    struct stat st {};
    BOOST_REQUIRE(::stat(a.keyFile.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    TempDir other;
    BOOST_TEST(loadOrCreateIdentity(other.str()).fingerprint != a.fingerprint);
    // Valid 2000..2099 whatever the PC's clock says.
    const std::string pem = readFile(a.certFile);
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BOOST_REQUIRE(cert != nullptr);
    ASN1_TIME* y2001 = ASN1_TIME_set(nullptr, 978307200);  // 2001-01-01
    ASN1_TIME* y2098 = ASN1_TIME_set(nullptr, 4070908800); // 2099-01-01
    BOOST_TEST(ASN1_TIME_compare(X509_get0_notBefore(cert), y2001) < 0);
    BOOST_TEST(ASN1_TIME_compare(X509_get0_notAfter(cert), y2098) > 0);
    ASN1_TIME_free(y2001);
    ASN1_TIME_free(y2098);
    X509_free(cert);
    BIO_free(bio);
}

BOOST_AUTO_TEST_CASE(short_codes_are_six_digits_from_the_key) {
    const std::string code = shortCode(std::string(64, 'a'));
    BOOST_TEST(code.size() == 7u);
    BOOST_TEST(code[3] == ' ');
    BOOST_TEST(shortCode(std::string(64, 'a')) == code);
    BOOST_TEST(shortCode("b" + std::string(63, 'a')) != code);
}

BOOST_AUTO_TEST_CASE(frames_cross_a_real_tls_connection_and_the_key_can_be_pinned) {
    TempDir tmp;
    const Identity id = loadOrCreateIdentity(tmp.str());
    Poco::Net::SecureServerSocket server(SocketAddress("127.0.0.1", 0), 64, serverContext(id));
    const auto port = server.address().port();
    std::string serverGot;
    std::thread t([&] {
        Poco::Net::StreamSocket s = server.acceptConnection();
        Channel ch(s, "student");
        const auto f = ch.receive(Poco::Timespan(10, 0));
        serverGot = f ? f->payload : "";
        Poco::JSON::Object reply;
        reply.set("saludo", "Allillanchu");
        ch.send(MsgType::Hello, reply);
        try {
            ch.receive(Poco::Timespan(10, 0)); // until the student closes
        } catch (const ChannelClosed&) {
        }
    });
    Poco::Net::SecureStreamSocket socket(SocketAddress("127.0.0.1", port), clientContext());
    Channel client(socket, "teacher");
    Poco::JSON::Object hello;
    hello.set("version", kProtocolVersion);
    client.send(MsgType::Hello, hello);
    const auto f = client.receive(Poco::Timespan(10, 0));
    BOOST_REQUIRE(f);
    BOOST_TEST(str(parsePayload(*f), "saludo") == "Allillanchu");
    BOOST_TEST(client.peerFingerprint() == id.fingerprint);
    BOOST_TEST(client.bytesSent() > 0u);
    client.close();
    t.join();
    BOOST_TEST(serverGot == R"({"version":1})");
}

BOOST_AUTO_TEST_CASE(a_bad_frame_closes_the_connection_with_a_reason) {
    TempDir tmp;
    const Identity id = loadOrCreateIdentity(tmp.str());
    Poco::Net::SecureServerSocket server(SocketAddress("127.0.0.1", 0), 64, serverContext(id));
    std::string reason;
    std::thread t([&] {
        Channel ch(server.acceptConnection(), "127.0.0.1 (student)");
        try {
            while (true) {
                ch.receive(Poco::Timespan(10, 0));
            }
        } catch (const ChannelClosed& e) {
            reason = e.what();
        }
    });
    Poco::Net::SecureStreamSocket socket(SocketAddress("127.0.0.1", server.address().port()),
                                         clientContext());
    const std::string huge("\x00\x0b\x10\x00\x00\x00", 6); // Events of 256 MiB
    socket.sendBytes(huge.data(), static_cast<int>(huge.size()));
    t.join();
    BOOST_TEST(reason.find("127.0.0.1 (student)") != std::string::npos, reason);
    BOOST_TEST(reason.find("limit") != std::string::npos, reason);
}

BOOST_AUTO_TEST_CASE(a_plain_tcp_client_gets_no_frames) {
    TempDir tmp;
    const Identity id = loadOrCreateIdentity(tmp.str());
    Poco::Net::SecureServerSocket server(SocketAddress("127.0.0.1", 0), 64, serverContext(id));
    std::string reason;
    std::thread t([&] {
        // The handshake can fail in accept (an SSL error) or at the first read (the channel
        // closes); either way no frame may come out, and nothing may escape the thread.
        try {
            Channel ch(server.acceptConnection(), "plain");
            ch.receive(Poco::Timespan(10, 0));
        } catch (const ChannelClosed& e) {
            reason = e.what();
        } catch (const Poco::Exception& e) {
            reason = e.displayText();
        } catch (const std::exception& e) {
            reason = e.what();
        }
    });
    // The server may hang up before the client has sent everything (the handshake failed on
    // the first bytes): the client's write then fails, which is fine, but the thread must
    // still be joined.
    try {
        Poco::Net::StreamSocket plain(SocketAddress("127.0.0.1", server.address().port()));
        const std::string hello = encodeFrame(MsgType::Hello, std::string("{}"));
        plain.sendBytes(hello.data(), static_cast<int>(hello.size()));
        plain.shutdownSend();
    } catch (const Poco::Exception&) {
    }
    t.join();
    BOOST_TEST(!reason.empty()); // the TLS handshake fails: nothing is read as a frame
}

BOOST_AUTO_TEST_CASE(a_student_hears_the_class_within_two_seconds) {
    Listener listener(SocketAddress("127.0.0.1", 0));
    Announcement a;
    a.classId = "clase-3a";
    a.className = "3° A — Computación";
    a.teacherName = "Rosa";
    a.port = 4433;
    a.fingerprint = std::string(64, 'c');
    // Noise first: a stranger's datagram is ignored.
    Poco::Net::DatagramSocket noise(SocketAddress::IPv4);
    const std::string junk = "{\"hello\":\"world\"}";
    noise.sendTo(junk.data(), static_cast<int>(junk.size()),
                 SocketAddress("127.0.0.1", listener.port()));
    Announcer announcer(a, {SocketAddress("127.0.0.1", listener.port())});
    const auto heard = listener.waitFor("clase-3a", 2000);
    BOOST_REQUIRE(heard);
    BOOST_TEST(heard->className == "3° A — Computación");
    BOOST_TEST(heard->port == 4433);
    BOOST_TEST(heard->host == "127.0.0.1");
    BOOST_TEST(heard->fingerprint == a.fingerprint);
    BOOST_TEST(listener.heard().size() == 1u);
}

BOOST_AUTO_TEST_CASE(announcements_round_trip_and_garbage_is_refused) {
    Announcement a;
    a.classId = "c";
    a.className = "n";
    a.port = 1;
    a.fingerprint = std::string(64, 'f');
    const auto back = decodeAnnouncement(encodeAnnouncement(a));
    BOOST_REQUIRE(back);
    BOOST_TEST(back->classId == "c");
    BOOST_TEST(!decodeAnnouncement("not json"));
    BOOST_TEST(!decodeAnnouncement(R"({"ayllu":1,"classId":"c","class":"n","port":0,"fp":"x"})"));
    BOOST_TEST(!decodeAnnouncement(std::string(5000, '{')));
}
