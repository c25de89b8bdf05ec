#define BOOST_TEST_MODULE protocol
#include "ayllu/net/protocol.h"
#include "support.h"

#include <boost/test/unit_test.hpp>
#include <random>

using namespace ayllu::net;
using Poco::JSON::Object;

namespace {
std::vector<Frame> drain(FrameReader& r) {
    std::vector<Frame> out;
    while (auto f = r.next()) {
        out.push_back(*f);
    }
    return out;
}
} // namespace

BOOST_AUTO_TEST_CASE(every_message_type_round_trips) {
    for (std::uint16_t t = 1; t <= kLastMsgType; ++t) {
        BOOST_TEST_CONTEXT(name(static_cast<MsgType>(t))) {
            Object o;
            o.set("type", t);
            o.set("text", "Añañau, ¡kusa! 🙂");
            const std::string bytes = encodeFrame(static_cast<MsgType>(t), o);
            BOOST_TEST(bytes.size() == kHeaderSize + toJson(o).size());
            FrameReader r;
            r.feed(bytes.data(), bytes.size());
            const auto f = r.next();
            BOOST_REQUIRE(f);
            BOOST_TEST(static_cast<int>(f->type) == t);
            const auto back = parsePayload(*f);
            BOOST_TEST(integer(back, "type", 0, 100) == t);
            BOOST_TEST(str(back, "text") == "Añañau, ¡kusa! 🙂");
            BOOST_TEST(r.buffered() == 0u);
            BOOST_TEST(std::string(name(static_cast<MsgType>(t))) != "?");
        }
    }
    BOOST_TEST(!isKnown(0));
    BOOST_TEST(!isKnown(kLastMsgType + 1));
}

BOOST_AUTO_TEST_CASE(the_header_is_type_then_big_endian_length) {
    const std::string f = encodeFrame(MsgType::Ping, std::string("{}"));
    BOOST_TEST(f == std::string("\x00\x13\x00\x00\x00\x02{}", 8)); // Ping = 19
}

BOOST_AUTO_TEST_CASE(frames_survive_any_fragmentation) {
    std::string stream;
    std::vector<std::string> payloads;
    for (int i = 0; i < 60; ++i) {
        payloads.push_back(std::string(static_cast<std::size_t>(i * 37 % 2000), 'x') +
                           std::to_string(i));
        stream += encodeFrame(MsgType::Events, payloads.back());
    }
    // One byte at a time.
    FrameReader one;
    std::vector<Frame> got;
    for (char c : stream) {
        one.feed(&c, 1);
        for (auto& f : drain(one)) {
            got.push_back(f);
        }
    }
    BOOST_REQUIRE_EQUAL(got.size(), payloads.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        BOOST_TEST(got[i].payload == payloads[i]);
    }
    // Random splits, several seeds.
    for (unsigned seed = 1; seed <= 20; ++seed) {
        std::mt19937 rng(seed);
        FrameReader r;
        std::size_t at = 0;
        std::size_t frames = 0;
        while (at < stream.size()) {
            const std::size_t n = std::min<std::size_t>(1 + rng() % 3000, stream.size() - at);
            r.feed(stream.data() + at, n);
            at += n;
            for (auto& f : drain(r)) {
                BOOST_TEST(f.payload == payloads[frames]);
                ++frames;
            }
        }
        BOOST_TEST(frames == payloads.size());
        BOOST_TEST(!r.failed());
    }
}

BOOST_AUTO_TEST_CASE(a_truncated_frame_waits_for_the_rest) {
    const std::string f = encodeFrame(MsgType::Hello, std::string(100, 'h'));
    FrameReader r;
    r.feed(f.data(), f.size() - 1);
    BOOST_TEST(!r.next());
    BOOST_TEST(!r.failed());
    BOOST_TEST(r.buffered() == f.size() - 1);
    r.feed(f.data() + f.size() - 1, 1);
    BOOST_TEST(r.next().has_value());
}

BOOST_AUTO_TEST_CASE(oversized_and_unknown_frames_fail_the_reader) {
    std::string big("\x00\x0b\x7f\xff\xff\xff", 6); // Events, 2 GiB
    FrameReader r;
    r.feed(big.data(), big.size());
    BOOST_TEST(!r.next());
    BOOST_TEST(r.failed());
    BOOST_TEST(r.error().find("limit") != std::string::npos);
    // A failed reader stays failed, even if good bytes follow.
    const std::string good = encodeFrame(MsgType::Ping, std::string("{}"));
    r.feed(good.data(), good.size());
    BOOST_TEST(!r.next());

    std::string unknown("\x7f\x00\x00\x00\x00\x00", 6);
    FrameReader u;
    u.feed(unknown.data(), unknown.size());
    BOOST_TEST(!u.next());
    BOOST_TEST(u.error().find("unknown message type 32512") != std::string::npos);

    FrameReader small(100);
    const std::string f = encodeFrame(MsgType::Hello, std::string(101, 'x'));
    small.feed(f.data(), f.size());
    BOOST_TEST(!small.next());
    BOOST_TEST(small.failed());

    BOOST_CHECK_THROW(encodeFrame(MsgType::Events, std::string(kMaxFrame + 1, 'x')), ProtocolError);
}

BOOST_AUTO_TEST_CASE(hostile_payloads_are_refused_with_a_reason) {
    const auto refused = [](const std::string& payload) {
        try {
            parsePayload(Frame{MsgType::Hello, payload});
            return std::string();
        } catch (const ProtocolError& e) {
            return std::string(e.what());
        }
    };
    BOOST_TEST(refused("{\"a\":\"\xff\"}").find("UTF-8") != std::string::npos);
    BOOST_TEST(refused("[1,2]").find("not a JSON object") != std::string::npos);
    BOOST_TEST(refused("{\"a\":").find("not JSON") != std::string::npos);
    BOOST_TEST(refused(std::string(100000, '[')).find("deep") != std::string::npos);
    BOOST_TEST(refused("{\"a\":\"[[[[[[[[[[[[[[[[[[[[\"}").empty()); // brackets in text are text
    BOOST_TEST(refused("").find("Hello") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(typed_fields_are_checked) {
    const auto o = parsePayload(Frame{MsgType::Hello, R"({"s":"x","n":5,"b":true,"f":1.5})"});
    BOOST_TEST(str(o, "s") == "x");
    BOOST_TEST(optStr(o, "missing").empty());
    BOOST_TEST(integer(o, "n", 0, 10) == 5);
    BOOST_TEST(boolean(o, "b"));
    BOOST_CHECK_THROW(str(o, "n"), ProtocolError);
    BOOST_CHECK_THROW(str(o, "s", 0), ProtocolError);
    BOOST_CHECK_THROW(integer(o, "n", 6, 10), ProtocolError);
    BOOST_CHECK_THROW(integer(o, "f", 0, 10), ProtocolError);
    BOOST_CHECK_THROW(boolean(o, "s"), ProtocolError);
    BOOST_CHECK_THROW(integer(o, "nope", 0, 1), ProtocolError);
}

BOOST_AUTO_TEST_CASE(package_chunks_carry_a_header_and_raw_bytes) {
    Object h;
    h.set("offset", 262144);
    std::string bytes;
    for (int i = 0; i < 1000; ++i) {
        bytes += static_cast<char>(i & 0xff); // NULs and all
    }
    const Frame f{MsgType::PackageChunk, encodeChunk(h, bytes)};
    const auto [header, data] = decodeChunk(f);
    BOOST_TEST(integer(header, "offset", 0, 1 << 30) == 262144);
    BOOST_TEST(data == bytes);
    BOOST_CHECK_THROW(decodeChunk(Frame{MsgType::PackageChunk, "ab"}), ProtocolError);
    BOOST_CHECK_THROW(
        decodeChunk(Frame{MsgType::PackageChunk, std::string("\xff\xff\xff\xff{}", 6)}),
        ProtocolError);
}
