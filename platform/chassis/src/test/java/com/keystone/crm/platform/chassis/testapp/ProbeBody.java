package com.keystone.crm.platform.chassis.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A request body with the shapes whose errors the problem mappers name: scalars, nested object, lists. */
public record ProbeBody(
        @NotBlank @Size(max = 20) String name,
        @Min(1) Integer quantity,
        List<@Email String> emails,
        @Valid Address address,
        List<@Valid Item> items) {

    public record Address(@NotBlank String city, String zip) {
    }

    public record Item(@NotBlank String sku, @Min(1) int qty) {
    }
}
