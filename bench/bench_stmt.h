/*
 * The xAPI "answered" statement both commit benchmarks store: the shape
 * and size (about 1 KB) lib/xapi builds for a choice question, with the
 * statement id as the first member.
 */
#ifndef BENCH_STMT_H
#define BENCH_STMT_H

#include <stdio.h>

#define BENCH_STMT_FMT \
"{\"id\":\"%s\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":" \
"\"https://lrs.example.go.th\",\"name\":\"OFF-000123\"},\"name\":\"สมชาย ใจดี\"}," \
"\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\",\"display\":" \
"{\"en-US\":\"answered\",\"th-TH\":\"ตอบ\"}},\"object\":{\"objectType\":\"Activity\"," \
"\"id\":\"https://rianru.example.go.th/xapi/activities/course/course-0001/quiz/" \
"m1-quiz/question/m1-q%d\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/" \
"activities/cmi.interaction\",\"name\":{\"th-TH\":\"ข้อใดเป็นรหัสผ่านที่ดีที่สุด\"," \
"\"en-US\":\"Which is the best password?\"},\"interactionType\":\"choice\"," \
"\"correctResponsesPattern\":[\"b\"],\"choices\":[{\"id\":\"a\",\"description\":" \
"{\"en-US\":\"123456\"}},{\"id\":\"b\",\"description\":{\"en-US\":\"Mango-River-Lamp-42\"}}]}}," \
"\"result\":{\"success\":true,\"response\":\"b\",\"score\":{\"raw\":1,\"min\":0," \
"\"max\":1,\"scaled\":1}},\"context\":{\"registration\":\"%s\",\"platform\":" \
"\"rianru 0.1.0\",\"language\":\"th-TH\"},\"timestamp\":\"2026-01-15T09:30:00.000Z\"}"

#endif
