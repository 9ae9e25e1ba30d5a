package com.keystone.crm.tools.localstack;
public final class LocalStack { public static void main(String[] a) {} }
