# The window: the app's GUI sources as a small library (linked by the executable and by
# tests/gui, so no app source is compiled twice), and the chainscope executable.
add_library(chainscope_app STATIC
    bundleddata.cpp bundleddata.h
    comparewindow.cpp comparewindow.h
    editcommands.cpp editcommands.h
    helpcontroller.cpp helpcontroller.h
    lessoncontroller.cpp lessoncontroller.h
    mainwindow.cpp mainwindow.h
    notecommands.cpp notecommands.h
    noteset.cpp noteset.h
    reportsession.cpp reportsession.h
    reachabilitycontroller.cpp reachabilitycontroller.h
    reachabilitywindow.cpp reachabilitywindow.h
    scenarioloader.cpp scenarioloader.h
    sessioncontroller.cpp sessioncontroller.h
    sessionreport.cpp
    sessionfile.cpp sessionfile.h
    tracecontroller.cpp tracecontroller.h
    tracedocument.cpp tracedocument.h
)
target_include_directories(chainscope_app PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
# Where the lessons and the incident are looked for besides the copy inside the executable.
# On this one file only: every other object stays the same whatever folder the tree is in.
include(GNUInstallDirs)
set_source_files_properties(bundleddata.cpp PROPERTIES COMPILE_DEFINITIONS
    "CHAINSCOPE_RESOURCES_DIR=\"${PROJECT_SOURCE_DIR}/resources\";CHAINSCOPE_INSTALL_DATA_DIR=\"${CMAKE_INSTALL_FULL_DATADIR}/chainscope\"")
target_link_libraries(chainscope_app PUBLIC chainscope_views Qt6::Widgets)
chainscope_target_defaults(chainscope_app)

add_executable(chainscope main.cpp)
target_link_libraries(chainscope PRIVATE chainscope_app)
chainscope_target_defaults(chainscope)
install(TARGETS chainscope)

# The icon inside the binary, for a window icon when the theme has none installed.
qt_add_resources(chainscope_app "chainscope_icons" PREFIX "/icons" BASE ../resources
    FILES ../resources/chainscope.svg)

# The Help window's pages (HelpController::bundledPage): Markdown written from docs/.
# Translated pages live in a folder per language (zh_CN/workflow.md), found by Language::current().
file(GLOB chainscope_help_pages RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/resources/help/*.md ${PROJECT_SOURCE_DIR}/resources/help/*/*.md)
qt_add_resources(chainscope_app "chainscope_help" PREFIX "/help" BASE ../resources/help
    FILES ${chainscope_help_pages})
