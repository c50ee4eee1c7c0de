package io.jsupervisor.config;
