<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: portcullis-password-notice.ftl -->
    <#if section="header">
        ${msg("portcullisPasswordNoticeTitle")}
    <#elseif section="form">
        <ul id="portcullis-password-reasons">
            <#list reasons as reason>
                <li><#if reason.parameters?size gt 0>${msg(reason.message, reason.parameters[0])}<#else>${msg(reason.message)}</#if></li>
            </#list>
        </ul>
        <p>${msg("portcullisPasswordNoticeAdvice")}</p>
        <form id="portcullis-password-notice-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                       type="submit" name="acknowledge" value="${msg("portcullisContinue")}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
