# Fails when a catalog does not compile, or when the Spanish one has untranslated or fuzzy
# strings, or when po/ayllu.pot has strings es.po lacks (scripts/update-po was not run).
find_program(MSGFMT msgfmt REQUIRED)
file(GLOB pos ${PO_DIR}/*.po)
foreach(po ${pos})
    execute_process(COMMAND ${MSGFMT} --check --statistics -o /dev/null ${po}
                    RESULT_VARIABLE rc ERROR_VARIABLE stats)
    message(STATUS "${po}: ${stats}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${po} does not compile")
    endif()
    get_filename_component(lang ${po} NAME_WE)
    if(lang STREQUAL "es" AND (stats MATCHES "untranslated" OR stats MATCHES "fuzzy"))
        message(FATAL_ERROR "es.po is incomplete: ${stats}")
    endif()
endforeach()
file(STRINGS ${PO_DIR}/ayllu.pot pot REGEX "^msgid \".+\"$")
file(STRINGS ${PO_DIR}/es.po es REGEX "^msgid \".+\"$")
foreach(id ${pot})
    list(FIND es "${id}" found)
    if(found EQUAL -1)
        message(FATAL_ERROR "es.po lacks ${id}: run scripts/update-po")
    endif()
endforeach()

# The student client is for learners who may read only Quechua or Aymara: every string of it
# (a msgid with a source reference under student/, or lesson_view/ for the page it shows) must
# be translated, and not fuzzy, in qu.po and ay.po. The catalog is first merged with po/ayllu.pot, so a string that scripts/update-po
# has not brought into the catalog yet counts as untranslated.
find_program(MSGMERGE msgmerge REQUIRED)
find_program(MSGGREP msggrep REQUIRED)
find_program(MSGATTRIB msgattrib REQUIRED)
foreach(lang qu ay)
    set(po ${PO_DIR}/${lang}.po)
    set(student_only
        COMMAND ${MSGMERGE} --quiet --no-fuzzy-matching -o - ${po} ${PO_DIR}/ayllu.pot
        COMMAND ${MSGGREP} -N "student/*" -N "lesson_view/*" -)
    execute_process(${student_only}
                    COMMAND ${CMAKE_COMMAND} -E env LC_ALL=C ${MSGFMT} --statistics -o /dev/null -
                    RESULTS_VARIABLE rcs ERROR_VARIABLE stats)
    string(STRIP "${stats}" stats)
    message(STATUS "${lang}.po, the student client's strings: ${stats}")
    if(NOT rcs MATCHES "^0;0;0$")
        message(FATAL_ERROR "${lang}.po: could not read the student client's strings (${rcs})")
    endif()
    if(stats MATCHES "untranslated" OR stats MATCHES "fuzzy" OR NOT stats MATCHES "translated")
        execute_process(${student_only}
                        COMMAND ${MSGATTRIB} --no-obsolete --no-wrap --untranslated -
                        OUTPUT_VARIABLE untranslated)
        execute_process(${student_only}
                        COMMAND ${MSGATTRIB} --no-obsolete --no-wrap --only-fuzzy -
                        OUTPUT_VARIABLE fuzzy)
        string(REGEX MATCHALL "\nmsgid \"[^\"\n][^\n]*" ids "${untranslated}${fuzzy}")
        string(REPLACE ";" "" ids "${ids}")
        message(FATAL_ERROR "${lang}.po lacks strings of the student client (${stats}); "
                            "translate these (fuzzy ones too):${ids}")
    endif()
endforeach()
