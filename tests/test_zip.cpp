#define BOOST_TEST_MODULE zip
#include "ayllu/zip.h"
#include "support.h"

#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::test;

namespace {

// Unpacks `zipBytes` into a fresh target and checks that it was refused with `code`, and that
// nothing was written: no target, no temporary folder, nothing outside.
void expectRefused(const std::string& zipBytes, const std::string& code,
                   const zip::Limits& limits = {}) {
    TempDir tmp;
    const auto zipPath = tmp / "in.zip";
    writeFile(zipPath, zipBytes);
    const auto target = tmp / "area" / "out";
    fs::create_directories(tmp / "area");
    const auto problems = zip::unpack(zipPath.string(), target.string(), limits);
    for (const auto& p : problems.items()) {
        BOOST_TEST_MESSAGE(p.toString());
    }
    BOOST_REQUIRE(problems.hasErrors());
    BOOST_TEST(problems.items().front().code == code);
    BOOST_TEST(problems.items().front().file == zipPath.string());
    BOOST_TEST(!fs::exists(target));
    BOOST_TEST(listTree(tmp / "area").empty()); // no temporary folder left behind
    BOOST_TEST(!fs::exists(tmp / "evil.txt"));
    BOOST_TEST(!fs::exists(tmp / "area" / "evil.txt"));
}

} // namespace

BOOST_AUTO_TEST_CASE(pack_then_unpack_gives_the_same_files) {
    TempDir tmp;
    const auto zipPath = tmp / "c.zip";
    zip::pack(sampleCourse().string(), zipPath.string());
    BOOST_TEST(zip::looksLikeZip(zipPath.string()));
    const auto out = tmp / "out";
    std::uint64_t lastDone = 0;
    std::uint64_t lastTotal = 0;
    const auto problems =
        zip::unpack(zipPath.string(), out.string(), {}, [&](std::uint64_t d, std::uint64_t t) {
            BOOST_TEST(d >= lastDone);
            lastDone = d;
            lastTotal = t;
        });
    BOOST_TEST(problems.empty());
    BOOST_TEST(lastDone == lastTotal);
    BOOST_TEST(lastTotal > 0u);
    const auto files = listTree(sampleCourse());
    BOOST_TEST(listTree(out) == files);
    for (const auto& f : files) {
        if (fs::is_regular_file(sampleCourse() / f)) {
            BOOST_TEST(readFile(out / f) == readFile(sampleCourse() / f), f);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_manifest_is_the_first_entry) {
    TempDir tmp;
    zip::pack(sampleCourse().string(), (tmp / "c.zip").string());
    const std::string bytes = readFile(tmp / "c.zip");
    // The first local header's name starts at byte 30.
    BOOST_TEST(bytes.compare(30, 15, "imsmanifest.xml") == 0);
}

BOOST_AUTO_TEST_CASE(unpacking_refuses_an_existing_target) {
    TempDir tmp;
    zip::pack(sampleCourse().string(), (tmp / "c.zip").string());
    fs::create_directories(tmp / "out");
    writeFile(tmp / "out" / "keep.txt", "mine");
    const auto problems = zip::unpack((tmp / "c.zip").string(), (tmp / "out").string());
    BOOST_TEST(problems.contains("target-exists"));
    BOOST_TEST(listTree(tmp / "out") == std::vector<std::string>{"keep.txt"});
}

BOOST_AUTO_TEST_CASE(entry_names_that_climb_out_are_refused) {
    for (const std::string name :
         {"../evil.txt", "a/../../evil.txt", "..\\evil.txt", "a\\..\\..\\evil.txt", "/tmp/evil.txt",
          "\\evil.txt", "C:/evil.txt", "c:evil.txt"}) {
        BOOST_TEST_CONTEXT(name) {
            ZipWriter z;
            z.add("imsmanifest.xml", "<manifest/>");
            z.add(name, "gotcha");
            expectRefused(z.bytes(), "zip-unsafe-path");
        }
    }
}

BOOST_AUTO_TEST_CASE(unsafe_names_are_recognised_without_a_zip) {
    BOOST_TEST(!zip::unsafeEntryReason("lessons/a.xml"));
    BOOST_TEST(!zip::unsafeEntryReason("media/ñandú..svg"));
    BOOST_TEST(zip::unsafeEntryReason("..").has_value());
    BOOST_TEST(zip::unsafeEntryReason("").has_value());
    BOOST_TEST(zip::unsafeEntryReason(std::string("a\0b", 3)).has_value());
    BOOST_TEST(zip::unsafeEntryReason("bad\xff.txt").has_value());
}

BOOST_AUTO_TEST_CASE(symbolic_links_are_refused) {
    ZipWriter z;
    z.add("imsmanifest.xml", "<manifest/>");
    ZipWriter::Entry link{"media/link", "/etc/passwd"};
    link.deflate = false;
    link.unixMode = 0120777;
    z.add(link);
    expectRefused(z.bytes(), "zip-link");
}

BOOST_AUTO_TEST_CASE(a_highly_compressed_entry_is_a_bomb) {
    ZipWriter z;
    z.add("imsmanifest.xml", "<manifest/>");
    z.add("zeros.bin", std::string(8u << 20, '\0')); // 8 MiB of zeros packs to ~8 KiB
    expectRefused(z.bytes(), "zip-bomb");
}

BOOST_AUTO_TEST_CASE(an_entry_that_lies_about_its_size_is_stopped_while_inflating) {
    ZipWriter z;
    z.add("imsmanifest.xml", "<manifest/>");
    ZipWriter::Entry liar{"big.txt", std::string(300000, 'a')};
    liar.declaredSize = 1000; // claims 1000 bytes, inflates to 300000
    z.add(liar);
    expectRefused(z.bytes(), "zip-bomb");
}

BOOST_AUTO_TEST_CASE(too_many_entries_or_bytes_are_refused) {
    ZipWriter many;
    for (int i = 0; i < 12; ++i) {
        many.add("f" + std::to_string(i) + ".txt", "x");
    }
    zip::Limits limits;
    limits.maxEntries = 10;
    expectRefused(many.bytes(), "zip-bomb", limits);

    ZipWriter big;
    big.add("a.txt", std::string(600, 'a'));
    big.add("b.txt", std::string(600, 'b'));
    zip::Limits small;
    small.maxTotalBytes = 1000;
    expectRefused(big.bytes(), "zip-bomb", small);
    small = {};
    small.maxEntryBytes = 500;
    expectRefused(big.bytes(), "zip-bomb", small);
}

BOOST_AUTO_TEST_CASE(a_damaged_entry_is_refused) {
    ZipWriter z;
    z.add("imsmanifest.xml", "<manifest/>");
    ZipWriter::Entry bad{"a.txt", "hello, world"};
    bad.crc = 0x12345678;
    z.add(bad);
    expectRefused(z.bytes(), "zip-truncated");
}

BOOST_AUTO_TEST_CASE(a_truncated_zip_is_refused) {
    TempDir tmp;
    zip::pack(sampleCourse().string(), (tmp / "c.zip").string());
    const std::string bytes = readFile(tmp / "c.zip");
    for (std::size_t keep : {bytes.size() / 2, bytes.size() - 30, std::size_t{100}}) {
        BOOST_TEST_CONTEXT("kept " << keep << " of " << bytes.size() << " bytes") {
            TempDir t;
            writeFile(t / "cut.zip", bytes.substr(0, keep));
            const auto problems = zip::unpack((t / "cut.zip").string(), (t / "out").string());
            BOOST_TEST(problems.hasErrors());
            BOOST_TEST(!fs::exists(t / "out"));
            BOOST_TEST(listTree(t.path()) == std::vector<std::string>{"cut.zip"});
        }
    }
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_zip_is_refused) {
    expectRefused("This is a text file, not a zip.\n", "not-a-zip");
    expectRefused("", "not-a-zip");
    expectRefused("PK\x03\x04garbage", "not-a-zip");
}

BOOST_AUTO_TEST_CASE(packing_refuses_symbolic_links_and_leaves_no_partial_zip) {
    TempDir tmp;
    copyTree(sampleCourse(), tmp / "c");
    fs::create_symlink("/etc/hostname", tmp / "c" / "media" / "link.txt");
    BOOST_CHECK_THROW(zip::pack((tmp / "c").string(), (tmp / "c.zip").string()), ayllu::Error);
    BOOST_TEST(!fs::exists(tmp / "c.zip"));
    BOOST_TEST(listTree(tmp.path()).size() == listTree(tmp / "c").size() + 1); // just "c"
}
