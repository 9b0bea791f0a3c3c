#include "t.h"
void test_alloc(void);
void test_alloc(void)
{
}
