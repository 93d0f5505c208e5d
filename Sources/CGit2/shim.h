#ifndef CONVEYOR_CGIT2_SHIM_H
#define CONVEYOR_CGIT2_SHIM_H
#include <git2.h>
#endif
