package com.keystone.crm.notification.template.rest;

import java.util.Map;

/** Sample values for a preview. */
public record PreviewRequest(Map<String, Object> variables) {
}
