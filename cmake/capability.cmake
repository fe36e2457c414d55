# minsheng_capability(NAME DEPENDS lib...): the library of one capability folder.
# Every foo.cc in the folder is part of the library, every foo_test.cc goes into one test
# binary NAME_test registered with ctest; *_fuzz.cc files belong to fuzz/ and main.cc to
# an executable, so neither is compiled here.
function(minsheng_capability name)
  cmake_parse_arguments(arg "" "" "DEPENDS;TEST_DEPENDS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  list(FILTER sources EXCLUDE REGEX "(_test|_fuzz|/main)\\.cc$")

  add_library(minsheng_${name} STATIC ${sources})
  target_include_directories(minsheng_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(minsheng_${name} PUBLIC ${arg_DEPENDS})

  if(tests)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE minsheng_${name} ${arg_TEST_DEPENDS}
                          GTest::gtest_main GTest::gmock rapidcheck)
    # Property tests try 1,000 cases each under ctest (rapidcheck's default is 100); 200
    # under the sanitizers, which look for memory errors the optimised run's 1,000 cases
    # have already walked through.
    if(MINSHENG_SANITIZE)
      set(cases 200)
    else()
      set(cases 1000)
    endif()
    gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60
                         PROPERTIES LABELS unit ENVIRONMENT "RC_PARAMS=max_success=${cases}")
  endif()
endfunction()
